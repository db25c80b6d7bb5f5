/**
 * What goes out: the asset register as Hozen's CSV (re-importable, UTF-8 with BOM so Excel opens
 * it in Japanese) and as GeoJSON (RFC 7946: lon/lat, no "crs" member; an asset not yet placed has
 * a null geometry), and a projection as CSV (BOM) or an .xlsx workbook.
 */
import type { Kysely } from 'kysely';
import type { Geometry } from 'geojson';
import { ASSET_CLASSES, type AssetClass } from '../../engine/asset-classes';
import { projectRenewals } from '../../engine/projection';
import { summarizeProjection } from '../../engine/projection-summary';
import { projectionRows } from '../../engine/projection';
import type { AssetRecord } from '../../io/asset-record';
import { formatAssetRecordsCsv, formatAssetRecordsXlsx } from '../../io/asset-csv';
import { formatProjectionCsv } from '../../io/projection-csv';
import { formatBudgetCsv } from '../../io/budget-csv';
import { simulateBudget, summarizeBudget } from '../../engine/simulate-budget';
import { projectionWorkbook, type Lang } from '../../io/projection-workbook';
import type { Database } from '../db/database';
import { listEngineAssets } from '../repositories/assets.repository';
import type { Override } from '../../engine/overrides';
import type { Budget, PriorityWeights } from '../../engine/simulate-budget';
import { withHazardZones } from './map-index.service';
import { getSettings } from '../repositories/settings.repository';
import { getStandard } from '../repositories/standards.repository';

export const BOM = '\uFEFF';

export class ExportError extends Error {
  override name = 'ExportError';
}

/** Every asset in service (or of one class) as import records, in code order. */
export async function listAssetRecords(
  db: Kysely<Database>,
  assetClass: AssetClass | null = null
): Promise<AssetRecord[]> {
  let query = db
    .selectFrom('assets')
    .leftJoin('facilities', 'facilities.id', 'assets.facility_id')
    .select([
      'assets.code',
      'assets.name',
      'assets.asset_class',
      'assets.category',
      'assets.year_built',
      'assets.quantity',
      'assets.unit',
      'assets.structure',
      'assets.material',
      'assets.diameter_mm',
      'assets.importance',
      'assets.condition_grade',
      'assets.soundness',
      'assets.floors',
      'assets.acquisition_yen',
      'assets.service_life_years',
      'assets.geometry',
      'facilities.code as facility_code'
    ])
    .where('assets.status', '!=', 'demolished');
  if (assetClass) query = query.where('assets.asset_class', '=', assetClass);
  const rows = await query.orderBy('assets.code').execute();
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    assetClass: r.asset_class as AssetClass,
    category: r.category,
    yearBuilt: r.year_built,
    quantity: r.quantity,
    unit: r.unit as 'm2' | 'm',
    structure: r.structure,
    material: r.material,
    diameterMm: r.diameter_mm,
    facilityCode: r.facility_code,
    importance: r.importance,
    conditionGrade: r.condition_grade,
    soundness: r.soundness,
    floors: r.floors,
    acquisitionYen: r.acquisition_yen,
    serviceLifeYears: r.service_life_years,
    geometry: JSON.parse(r.geometry) as Geometry | null,
    row: 0
  }));
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
  /** A budget per fiscal year from the start (yen), instead of a flat one. */
  schedule?: number[] | null;
  /** Committed works: the asset's next work starts in that year whatever the budget. */
  committed?: { assetCode: string; year: number }[];
  /** A scenario's further settings (see scenarios.service `scenarioExportOptions`). */
  inflation?: number;
  discount?: number;
  referenceInvestment?: number | null;
  overrides?: Override[];
  weights?: Partial<PriorityWeights>;
  /** Title of the workbook (a scenario's name); by default the standard and the budget. */
  title?: string;
}

/** The projection of the database's assets, for a CSV or workbook export. */
async function runProjection(db: Kysely<Database>, options: ProjectionExportOptions) {
  const standard = await getStandard(db, options.standard ?? 'soumu');
  if (!standard) throw new ExportError(`unknown standard "${options.standard}"`);
  const years = options.years ?? 40;
  if (!Number.isInteger(years) || years < 1 || years > 200)
    throw new ExportError(`years must be a whole number from 1 to 200 (${years})`);
  const settings = await getSettings(db);
  const startYear = options.start ?? (Number(settings.data_as_of_year) || new Date().getFullYear());
  if (!Number.isInteger(startYear) || startYear < 1900 || startYear > 2200)
    throw new ExportError(`start must be a fiscal year from 1900 to 2200 (${startYear})`);
  const assets = await withHazardZones(db, await listEngineAssets(db));
  const lang = options.lang ?? 'ja';
  const budget = options.budget ?? null;
  if (budget !== null && !(Number.isFinite(budget) && budget >= 0))
    throw new ExportError(`budget must be an amount of yen ≥ 0 (${budget})`);
  const title =
    options.title ??
    `${lang === 'ja' ? standard.nameJa : standard.nameEn} — ${assets.length} ${lang === 'ja' ? '資産' : 'assets'}${budget === null ? '' : lang === 'ja' ? `、予算 ${(budget / 1e8).toFixed(2)} 億円/年` : `, budget ${(budget / 1e8).toFixed(2)} × 100M yen a year`}${options.schedule ? (lang === 'ja' ? '、年度別の予算' : ', budget per year') : ''}`;
  const engine = {
    startYear,
    years,
    inflation: options.inflation ?? 0,
    overrides: options.overrides ?? []
  };
  const figures = {
    discount: options.discount ?? 0,
    referenceInvestment: options.referenceInvestment ?? null
  };
  const committed = options.committed ?? [];
  const plan: Budget | null = options.schedule
    ? { kind: 'schedule', amounts: options.schedule }
    : budget !== null
      ? { kind: 'flat', amount: budget }
      : committed.length
        ? { kind: 'none' }
        : null;
  if (plan === null) {
    const result = projectRenewals(assets, standard, { ...engine, detail: true });
    return { result, summary: summarizeProjection(result, figures), lang, title, run: null };
  }
  const run = simulateBudget(assets, standard, {
    ...engine,
    budget: plan,
    weights: options.weights ?? {},
    forced: committed
  });
  return {
    result: run.funded,
    summary: summarizeProjection(run.funded, figures),
    lang,
    title,
    run: { run, key: summarizeBudget(run, figures.discount) }
  };
}

/** The projection's long-format CSV, or with a budget the budget run's (four yearly columns more). */
export async function projectionCsv(
  db: Kysely<Database>,
  options: ProjectionExportOptions = {}
): Promise<string> {
  const { result, run } = await runProjection(db, options);
  const rows = projectionRows(result);
  return BOM + (run ? formatBudgetCsv(rows, run.run.years) : formatProjectionCsv(rows));
}

export async function projectionXlsx(
  db: Kysely<Database>,
  options: ProjectionExportOptions = {}
): Promise<Buffer> {
  const { result, summary, lang, title, run } = await runProjection(db, options);
  return projectionWorkbook(result, summary, lang, title, run);
}
