/**
 * Access to services under a scenario (engine/access.ts): for each service Hozen follows
 * (engine/access-defaults.ts), the facilities offering it year by year under the scenario's
 * closures, new buildings and the cards' consolidations, over the projected population of the age
 * band it serves — facilities per 10,000 of them, those beyond its distance, and the アクセス悪化人口
 * (beyond reach under the plan, within it with the facilities of the start year).
 *
 * A facility offers a service while one of its buildings is open: the facility's own service for
 * its buildings of its use, a new building of another use (複合化) that use's; a facility
 * consolidated into another (its card) hands its service to that one when it closes; a facility
 * with no building recorded offers its use until the scenario closes it. Closed facilities offer
 * nothing; facilities without a place are counted and left out.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { ScenarioDefinition } from '../../scenario';
import type { AccessOutlook, ServicePoint } from '../../engine/access';
import { compute as inPool } from '../compute/pool';
import { SERVICES, serviceOf, type ServiceDef } from '../../engine/access-defaults';
import { atYear, inBand } from '../../engine/population';
import { newBuildingAssets, resolveOverrides, type Override } from '../../engine/overrides';
import type { EngineAsset } from '../../engine/engine-asset';
import { populationOutlook, type PopulationOutlook } from './population.service';
import { planInput } from './plan-inputs';
import { facilityPlaces } from '../repositories/facilities.repository';
import { revisionKey } from '../repositories/revision.repository';

type Place = Awaited<ReturnType<typeof facilityPlaces>>[number];

/** The years shown: the start, every fifth year and the last of the horizon. */
export function accessYears(startYear: number, years: number): number[] {
  const last = startYear + years - 1;
  const out: number[] = [];
  for (let y = startYear; y <= last; y++)
    if (y === startYear || y % 5 === 0 || y === last) out.push(y);
  return out;
}

/**
 * Where and when each service is offered under the overrides: a point per facility and service,
 * open from its first building's opening to its last one's closing.
 */
export function servicePoints(
  facilities: readonly Place[],
  assets: readonly EngineAsset[],
  overrides: readonly Override[]
): { points: Map<string, (ServicePoint & { facility: string })[]>; unplaced: Map<string, number> } {
  const buildings = new Map<string, EngineAsset[]>();
  for (const a of [...assets, ...newBuildingAssets(overrides)]) {
    if (a.assetClass !== 'building' || !a.facilityCode) continue;
    const list = buildings.get(a.facilityCode);
    if (list) list.push(a);
    else buildings.set(a.facilityCode, [a]);
  }
  const closedByCode = (code: string) =>
    Math.min(
      Infinity,
      ...overrides.flatMap((o) =>
        o.kind === 'close' && o.facilityCodes?.includes(code) ? [o.year] : []
      )
    );
  /** Per facility: service id → open interval. */
  const offers = new Map<string, Map<string, { from: number; until: number }>>();
  const offer = (facility: string, service: string, from: number, until: number) => {
    if (until <= from) return;
    const byService = offers.get(facility) ?? new Map<string, { from: number; until: number }>();
    const now = byService.get(service);
    byService.set(
      service,
      now ? { from: Math.min(now.from, from), until: Math.max(now.until, until) } : { from, until }
    );
    offers.set(facility, byService);
  };
  for (const f of facilities) {
    if (f.status === 'closed') continue;
    const own = buildings.get(f.code) ?? [];
    if (!own.length) {
      const service = serviceOf(f.category, f.subcategory);
      if (service && f.status !== 'planned')
        offer(f.code, service.id, -Infinity, closedByCode(f.code));
      continue;
    }
    for (const b of own) {
      const service =
        b.category === f.category
          ? serviceOf(f.category, f.subcategory)
          : serviceOf(b.category, null);
      if (!service) continue;
      // Open from its building year: in the past for the register's, the plan's year for a new one.
      const from = b.yearBuilt ?? -Infinity;
      offer(f.code, service.id, from, resolveOverrides(b, overrides).closeYear);
    }
  }
  // A facility consolidated into another hands its services on when it closes.
  const byCode = new Map(facilities.map((f) => [f.code, f]));
  for (const f of facilities) {
    if (f.policy !== 'consolidate' || !f.consolidate_into) continue;
    const target = byCode.get(f.consolidate_into);
    const there = offers.get(f.consolidate_into);
    if (!target || target.status === 'closed') continue;
    const targetUntil = there
      ? Math.max(...[...there.values()].map((v) => v.until))
      : closedByCode(target.code);
    for (const [service, open] of offers.get(f.code) ?? [])
      if (Number.isFinite(open.until)) offer(target.code, service, open.until, targetUntil);
  }
  const points = new Map<string, (ServicePoint & { facility: string })[]>();
  const unplaced = new Map<string, number>();
  for (const [code, byService] of offers) {
    const f = byCode.get(code)!;
    for (const [service, open] of byService) {
      if (f.lon === null || f.lat === null) {
        unplaced.set(service, (unplaced.get(service) ?? 0) + 1);
        continue;
      }
      const list = points.get(service) ?? [];
      list.push({ facility: code, lon: f.lon, lat: f.lat, ...open });
      points.set(service, list);
    }
  }
  return { points, unplaced };
}

const caches = new WeakMap<
  Kysely<Database>,
  { key: string; runs: Map<string, Promise<AccessOutlook | null>> }
>();

/** The access to each service under a scenario (null without population data), read once per state of the data. */
export async function scenarioAccess(
  db: Kysely<Database>,
  def: Omit<ScenarioDefinition, 'name'>
): Promise<AccessOutlook | null> {
  const key = await revisionKey(db);
  let cache = caches.get(db);
  if (cache?.key !== key) {
    cache = { key, runs: new Map() };
    caches.set(db, cache);
  }
  const question = JSON.stringify([def.standard, def.startYear, def.years, def.params]);
  let run = cache.runs.get(question);
  if (!run) {
    // A few scenarios' answers are kept: the pages of one comparison and its scenarios.
    if (cache.runs.size >= 16) cache.runs.delete(cache.runs.keys().next().value!);
    run = compute(db, def);
    cache.runs.set(question, run);
    const runs = cache.runs;
    run.catch(() => runs.delete(question));
  }
  return run;
}

async function compute(
  db: Kysely<Database>,
  def: Omit<ScenarioDefinition, 'name'>
): Promise<AccessOutlook | null> {
  const o = await populationOutlook(db);
  if (!o) return null;
  const [input, facilities] = await Promise.all([planInput(db, def), facilityPlaces(db)]);
  const overrides = [...input.policyOverrides, ...input.params.overrides];
  const { points, unplaced } = servicePoints(facilities, input.assets, overrides);
  const years = accessYears(def.startYear, def.years);
  // Areas × facilities for every service: off the event loop (a city of many small areas).
  const series = await inPool('access', {
    years,
    services: SERVICES.map((s) => ({
      areas: peopleOf(o, s.band, years),
      points: (points.get(s.id) ?? []).map(({ lon, lat, from, until }) => ({
        lon,
        lat,
        from,
        until
      })),
      limit: s.limit
    }))
  });
  return {
    censusYear: o.censusYear,
    assumptions: o.params.source,
    services: SERVICES.map((s, k) => ({
      id: s.id,
      label: s.label,
      band: s.band,
      limit: s.limit,
      source: s.source,
      unplaced: unplaced.get(s.id) ?? 0,
      years: series[k]!
    }))
  };
}

/** Each area's point and its people of a band at each of `years`. */
function peopleOf(o: PopulationOutlook, band: ServiceDef['band'], years: readonly number[]) {
  return o.areas.map((a) => {
    const series = a.cohorts.map((c) => inBand(c, band));
    return { lon: a.lon, lat: a.lat, people: years.map((y) => atYear(o.years, series, y)) };
  });
}
