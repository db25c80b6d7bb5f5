/**
 * What goes out: the asset register as Hozen's CSV (re-importable, UTF-8 with BOM so Excel opens
 * it in Japanese) and as GeoJSON (RFC 7946: lon/lat, no "crs" member; an asset not yet placed has
 * a null geometry), and a projection as CSV (BOM) or an .xlsx workbook.
 */
import type { Kysely } from 'kysely';
import { ASSET_CLASSES, type AssetClass } from '../../engine/asset-classes';
import { createHash } from 'node:crypto';
import { formatAssetRecordsCsv, formatAssetRecordsXlsx } from '../../io/asset-csv';
import type { Lang } from '../../io/projection-workbook';
import type { Database } from '../db/database';
import { defaultParams, type Scenario } from '../../scenario';
import type { PlanInput } from '../../engine/run-plan';
import { listAssetRecords } from '../repositories/assets.repository';
import { revisionKey } from '../repositories/revision.repository';
import { planInput } from './plan-inputs';
import { ScenarioError } from './scenario-error';
import { compute } from '../compute/pool';
import { BOM, type ProjectionJob } from '../compute/projection-file';
import { asOfYear } from '../repositories/settings.repository';

/** The longest horizon an export computes (a scenario's too). */
export const MAX_YEARS = 100;
/** The largest yearly budget an export takes: 10 兆円, far above any city's whole budget. */
export const MAX_BUDGET_YEN = 10_000_000_000_000;

export class ExportError extends Error {
  override name = 'ExportError';
}

/** A class name from a query or flag, checked. */
export function parseAssetClass(value: string | null): AssetClass | null {
  if (value === null || value === '') return null;
  if (!(ASSET_CLASSES as readonly string[]).includes(value))
    throw new ExportError(`unknown asset class "${value}" (classes: ${ASSET_CLASSES.join(', ')})`);
  return value as AssetClass;
}

export async function assetsCsv(
  db: Kysely<Database>,
  assetClass: AssetClass | null = null
): Promise<string> {
  return BOM + formatAssetRecordsCsv(await listAssetRecords(db, assetClass));
}

export async function assetsXlsx(
  db: Kysely<Database>,
  assetClass: AssetClass | null = null
): Promise<Buffer> {
  return formatAssetRecordsXlsx(await listAssetRecords(db, assetClass));
}

export async function assetsGeoJson(
  db: Kysely<Database>,
  assetClass: AssetClass | null = null
): Promise<string> {
  const records = await listAssetRecords(db, assetClass);
  const features = records.map(({ geometry, row: _row, ...properties }) =>
    JSON.stringify({ type: 'Feature', id: properties.code, properties, geometry })
  );
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

export interface ProjectionExportOptions {
  standard?: string;
  start?: number | null;
  years?: number;
  lang?: Lang;
  /** A flat yearly budget (yen): the export is then the budget run (money funded, backlog). */
  budget?: number | null;
  /** A scenario, exported as its page shows it: its own definition replaces the options above. */
  scenario?: Pick<Scenario, 'name' | 'standard' | 'startYear' | 'years' | 'params'>;
}

/** A projection export's inputs read and checked: what the compute pool turns into the file. */
async function projectionJob(
  db: Kysely<Database>,
  options: ProjectionExportOptions,
  format: 'csv' | 'xlsx'
): Promise<ProjectionJob> {
  const years = options.scenario?.years ?? options.years ?? 40;
  if (!Number.isInteger(years) || years < 1 || years > MAX_YEARS)
    throw new ExportError(`years must be a whole number from 1 to ${MAX_YEARS} (${years})`);
  const startYear = options.scenario?.startYear ?? options.start ?? (await asOfYear(db));
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2200)
    throw new ExportError(`start must be a fiscal year from 1900 to 2200 (${startYear})`);
  const lang = options.lang ?? 'ja';
  const budget = options.budget ?? null;
  if (budget !== null && !(Number.isFinite(budget) && budget >= 0 && budget <= MAX_BUDGET_YEN))
    throw new ExportError(
      `budget must be an amount of yen from 0 to ${MAX_BUDGET_YEN} (${budget})`
    );
  const params =
    options.scenario?.params ??
    defaultParams(budget === null ? { kind: 'none' } : { kind: 'flat', amount: budget });
  let input: PlanInput;
  try {
    const standard = options.scenario?.standard ?? options.standard ?? 'soumu';
    input = await planInput(db, { standard, startYear, years, params });
  } catch (e) {
    if (e instanceof ScenarioError) throw new ExportError(e.message);
    throw e;
  }
  // Positions and shelters are for the pages' map and risk figures, not the file.
  const { positions, sheltersAtRisk, ...plan } = input;
  const { standard, assets } = plan;
  const title =
    options.scenario?.name ??
    `${lang === 'ja' ? standard.nameJa : standard.nameEn} — ${assets.length} ${lang === 'ja' ? '資産' : 'assets'}${budget === null ? '' : lang === 'ja' ? `、予算 ${(budget / 1e8).toFixed(2)} 億円/年` : `, budget ${(budget / 1e8).toFixed(2)} × 100M yen a year`}`;
  return { format, plan, lang, title };
}

/** Files computed lately, by question and state of the data (at most CACHE_BYTES in all). */
const CACHE_BYTES = 64 * 1024 * 1024;
const files = new Map<string, { file: Promise<string | Uint8Array>; bytes: number }>();

const sizeOf = (file: string | Uint8Array) =>
  typeof file === 'string' ? Buffer.byteLength(file) : file.byteLength;

/**
 * A projection export's file: from the cache when the same question was asked on the same data,
 * joined when it is being computed, else computed in the compute pool (refused with BusyError
 * when `owner` has enough running, or the pool is full).
 */
async function projectionExport(
  db: Kysely<Database>,
  options: ProjectionExportOptions,
  format: 'csv' | 'xlsx',
  owner: string | null
): Promise<string | Uint8Array> {
  const question = createHash('sha256')
    .update(JSON.stringify({ options, format, data: await revisionKey(db) }))
    .digest('hex');
  const hit = files.get(question);
  if (hit) {
    // Most recently used last.
    files.delete(question);
    files.set(question, hit);
    return hit.file;
  }
  const job = await projectionJob(db, options, format);
  const entry = { file: compute('projectionFile', job, { owner }), bytes: 0 };
  files.set(question, entry);
  try {
    const file = await entry.file;
    entry.bytes = sizeOf(file);
  } catch (e) {
    files.delete(question);
    throw e;
  }
  let total = 0;
  for (const f of files.values()) total += f.bytes;
  for (const [key, f] of files) {
    if (total <= CACHE_BYTES) break;
    if (f.bytes === 0) continue;
    files.delete(key);
    total -= f.bytes;
  }
  return entry.file;
}

/** The projection's long-format CSV, or with a budget the budget run's (four yearly columns more). */
export async function projectionCsv(
  db: Kysely<Database>,
  options: ProjectionExportOptions = {},
  owner: string | null = null
): Promise<string> {
  return (await projectionExport(db, options, 'csv', owner)) as string;
}

export async function projectionXlsx(
  db: Kysely<Database>,
  options: ProjectionExportOptions = {},
  owner: string | null = null
): Promise<Uint8Array> {
  return (await projectionExport(db, options, 'xlsx', owner)) as Uint8Array;
}
