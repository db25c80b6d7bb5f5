/**
 * The public portal (市民向けの公開ページ): off until an administrator turns it on; then anyone may
 * read the city's headline, the adopted plan's summary, the facilities in service with their
 * public fields only, and the open data. What a public page may carry is chosen here, field by
 * field, from the register — never a whole row: no notes, no inspection remarks, no users, no
 * audit. Infrastructure stays private unless its class is published (setting `public_portal`).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { said, type Said } from '../../i18n/said';
import { getSettings, putSetting, asOfYear } from '../repositories/settings.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { adoptedPlanVersion } from '../repositories/plans.repository';
import { scenarioNames } from '../repositories/scenarios.repository';
import { perRevision } from './per-revision';
import {
  activeBridgeRows,
  activeBuildingsOf,
  activeFacilityRows,
  openPlanItemRows,
  planActionCounts,
  planItemRowsFor,
  scenarioIdsAmong
} from '../repositories/public.repository';
import { activeGeometriesOf, buildingTotalsByFacility } from '../repositories/assets.repository';

/** The asset classes a city may publish on the public map: points, then lines. */
export const PUBLISHABLE = ['building', 'bridge', 'road', 'water_pipe', 'sewer_pipe'] as const;
/** The classes drawn as lines (their geometry: line strings). */
export const LINE_LAYERS = ['road', 'water_pipe', 'sewer_pipe'] as const;
export type LineLayer = (typeof LINE_LAYERS)[number];
export type Publishable = (typeof PUBLISHABLE)[number];

export interface PortalSettings {
  enabled: boolean;
  /** The asset classes shown on the public map (buildings by default). */
  layers: Publishable[];
  /** Scenario comparisons published (each two to four scenario numbers). */
  comparisons: number[][];
}

const OFF: PortalSettings = { enabled: false, layers: ['building'], comparisons: [] };

const isComparison = (v: unknown): v is number[] =>
  Array.isArray(v) &&
  v.length >= 2 &&
  v.length <= 4 &&
  v.every((id) => Number.isInteger(id) && (id as number) > 0);

export function readPortalSettings(raw: string | undefined): PortalSettings {
  try {
    const v = JSON.parse(raw ?? 'null') as Partial<PortalSettings> | null;
    if (!v || typeof v !== 'object') return OFF;
    return {
      enabled: v.enabled === true,
      layers: Array.isArray(v.layers)
        ? PUBLISHABLE.filter((l) => (v.layers as unknown[]).includes(l))
        : OFF.layers,
      comparisons: Array.isArray(v.comparisons) ? v.comparisons.filter(isComparison) : []
    };
  } catch {
    return OFF;
  }
}

export async function portalSettings(db: Kysely<Database>): Promise<PortalSettings> {
  return readPortalSettings((await getSettings(db)).public_portal);
}

export class PortalError extends Error {
  constructor(readonly said: Said) {
    super(said.en);
  }
}

/**
 * Saves what the portal publishes (audited): the comparisons as typed, one per line ("1,4"), each
 * of two to four existing scenarios — or nothing is saved and the reason names the line.
 */
export async function setPortalSettings(
  db: Kysely<Database>,
  who: AuditWho,
  next: { enabled: boolean; layers: string[]; comparisons: string }
): Promise<PortalSettings> {
  const unknown = next.layers.filter((l) => !(PUBLISHABLE as readonly string[]).includes(l));
  if (unknown.length)
    throw new PortalError(
      said(`公開できない種類です：${unknown.join('、')}`, `cannot publish: ${unknown.join(', ')}`)
    );
  const lines = next.comparisons
    .normalize('NFKC')
    .split(/\r?\n/)
    .map((l) => l.replace(/[\s、]+/g, ',').replace(/^,|,$/g, ''))
    .filter(Boolean);
  if (lines.length > 10)
    throw new PortalError(
      said('公開する比較は10件までです', 'at most ten comparisons may be published')
    );
  const comparisons: number[][] = [];
  for (const [k, line] of lines.entries()) {
    const ids = line.split(',').map(Number);
    const known = isComparison(ids) ? await scenarioIdsAmong(db, ids) : [];
    if (!isComparison(ids) || new Set(ids).size !== ids.length || known.length !== ids.length)
      throw new PortalError(
        said(
          `公開する比較の${k + 1}行目「${line}」：2〜4個の異なる既存のシナリオ番号をカンマで区切って書いてください`,
          `comparison line ${k + 1} "${line}": two to four different existing scenario numbers, separated by commas`
        )
      );
    comparisons.push(ids);
  }
  const settings: PortalSettings = {
    enabled: next.enabled,
    layers: PUBLISHABLE.filter((l) => next.layers.includes(l)),
    comparisons
  };
  await db.transaction().execute(async (trx) => {
    const before = readPortalSettings((await getSettings(trx)).public_portal);
    await putSetting(trx, 'public_portal', JSON.stringify(settings));
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'settings',
      entityId: 'public_portal',
      before,
      after: settings
    });
  });
  return settings;
}

/** A facility as the public may see it. */
export interface PublicFacility {
  code: string;
  name: string;
  category: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  /** The oldest building's fiscal year built, the buildings' floor area and their worst grade. */
  yearBuilt: number | null;
  floorArea: number;
  grade: string | null;
  /** The adopted plan's next action for it (or one of its buildings), with its year. */
  next: { action: string; year: number; reason: string | null } | null;
  costPerUser: number | null;
  isShelter: boolean;
}

/** The facilities in service, public fields only, by code: read once per state of the data. */
export const publicFacilities = perRevision(readPublicFacilities);

async function readPublicFacilities(db: Kysely<Database>): Promise<PublicFacility[]> {
  const [facilities, buildings, items, asOf] = await Promise.all([
    activeFacilityRows(db),
    buildingTotalsByFacility(db),
    adoptedItems(db),
    asOfYear(db)
  ]);
  const byFacility = new Map(buildings.map((b) => [b.facility_id, b]));
  return facilities.map((f) => {
    const b = byFacility.get(f.id);
    const grade = b?.grade ?? null;
    const next =
      (items.get(f.code) ?? [])
        .filter((i) => i.fiscal_year >= asOf)
        .sort((a, b2) => a.fiscal_year - b2.fiscal_year)[0] ?? null;
    return {
      code: f.code,
      name: f.name,
      category: f.category,
      address: f.address,
      lon: f.lon,
      lat: f.lat,
      yearBuilt: b?.built === null || b?.built === undefined ? null : Number(b.built),
      floorArea: Number(b?.area ?? 0),
      grade: grade && /^[A-D]$/.test(grade) ? grade : null,
      next: next ? { action: next.action, year: next.fiscal_year, reason: next.reason } : null,
      costPerUser:
        f.yearly_users && f.running_cost_yen !== null ? f.running_cost_yen / f.yearly_users : null,
      isShelter: f.is_shelter === 1
    };
  });
}

type PlanItemLite = { action: string; fiscal_year: number; reason: string | null };

/** The adopted plan's items still to come, by facility code (an asset's under its facility). */
async function adoptedItems(db: Kysely<Database>): Promise<Map<string, PlanItemLite[]>> {
  const plan = await adoptedPlanVersion(db);
  const out = new Map<string, PlanItemLite[]>();
  if (!plan) return out;
  const rows = await openPlanItemRows(db, plan.id);
  for (const r of rows) {
    const code = r.facility_code ?? r.asset_facility;
    if (!code) continue;
    const list = out.get(code) ?? [];
    list.push({ action: r.action, fiscal_year: r.fiscal_year, reason: r.reason });
    out.set(code, list);
  }
  return out;
}

export interface PublicHome {
  asOf: number;
  facilities: number;
  floorArea: number;
  population: number | null;
  plan: { name: string; fiscalYear: number; actions: Record<string, number> } | null;
}

/** The headline: facilities in service, their floor area, the adopted plan's actions by kind. */
export async function publicHome(
  db: Kysely<Database>,
  facilities: readonly PublicFacility[]
): Promise<PublicHome> {
  const [settings, plan, asOf] = await Promise.all([
    getSettings(db),
    adoptedPlanVersion(db),
    asOfYear(db)
  ]);
  const population = Number(settings.city_population);
  let actions: Record<string, number> = {};
  if (plan) {
    const rows = await planActionCounts(db, plan.id);
    actions = Object.fromEntries(rows.map((r) => [r.action, Number(r.n)]));
  }
  return {
    asOf,
    facilities: facilities.length,
    floorArea: facilities.reduce((s, f) => s + f.floorArea, 0),
    population: Number.isFinite(population) && population > 0 ? population : null,
    plan: plan ? { name: plan.name, fiscalYear: plan.fiscal_year, actions } : null
  };
}

/** The public facility's buildings: year, structure, floor area and grade — nothing more. */
export async function publicBuildings(db: Kysely<Database>, code: string) {
  return activeBuildingsOf(db, code);
}

/** The published bridges as points (when the city publishes them): code, name, year, grade. */
export async function publicBridges(db: Kysely<Database>) {
  const rows = await activeBridgeRows(db);
  return rows
    .filter((r) => r.max_lon !== 0 || r.min_lon !== 0)
    .map((r) => ({
      code: r.code,
      name: r.name,
      yearBuilt: r.year_built,
      grade: r.condition_grade,
      lon: (r.min_lon + r.max_lon) / 2,
      lat: (r.min_lat + r.max_lat) / 2
    }));
}

/** A plan version's actions as the public may read them: facility, action, year and reason. */
export async function publicPlanItems(db: Kysely<Database>, planId: number) {
  const rows = await planItemRowsFor(db, planId);
  return rows.map((r) => ({
    facilityCode: r.facility_code ?? r.via_code,
    facilityName: r.facility_name ?? r.via_name,
    assetName: r.facility_code ? null : r.asset_name,
    action: r.action,
    year: r.fiscal_year,
    reason: r.reason
  }));
}

/** The lines of each linear class in service (roads, pipes), as lon/lat runs: read once per state of the data. */
export const publicLines = perRevision(async (db: Kysely<Database>) => {
  const rows = await activeGeometriesOf(db, LINE_LAYERS);
  const out = new Map<LineLayer, [number, number][][]>(LINE_LAYERS.map((c) => [c, []]));
  for (const r of rows) {
    const g = JSON.parse(r.geometry) as { type?: string; coordinates?: unknown } | null;
    const runs =
      g?.type === 'LineString'
        ? [g.coordinates as [number, number][]]
        : g?.type === 'MultiLineString'
          ? (g.coordinates as [number, number][][])
          : [];
    out.get(r.asset_class as LineLayer)!.push(...runs.filter((run) => run.length >= 2));
  }
  return out;
});

/** The published comparisons by their number and the names of their scenarios (one naming a
 * scenario deleted since is left out). */
export async function publishedComparisons(
  db: Kysely<Database>,
  comparisons: readonly number[][]
): Promise<{ n: number; names: string[] }[]> {
  const names = await scenarioNames(db);
  return comparisons
    .map((ids, k) => ({ n: k + 1, names: ids.map((id) => names.get(id)) }))
    .filter((c): c is { n: number; names: string[] } => c.names.every((x) => x !== undefined));
}
