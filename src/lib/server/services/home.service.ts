/**
 * The headline a 総合管理計画 opens with, on the data as it is now: the buildings' floor area and
 * per inhabitant, the share 30 years or older and built before 1981, the condition, the 40-year
 * cost by the national method with its annual average, the ratio to the recent investment and
 * the backlog today; the first scenarios' key figures; and what needs doing in the register.
 */
import type { MiniMap } from '../../home';
import type { Kysely } from 'kysely';
import {
  basemapOfKind,
  buildingStock,
  countPlacedBuildings,
  placedBuildings,
  registerGaps
} from '../repositories/city-figures.repository';
import type { Database } from '../db/database';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { listScenarios } from './scenarios.service';
import { cachedRun, countStale, runScenario } from './scenario-runs.service';
import { countUnclassified } from './classify.service';
import { referenceIndex, spentTotal } from '../../comparison';
import type { Scenario } from '../../scenario';

/** Bridges and tunnels are inspected every five years (道路法施行規則, 2014). */
const INSPECTION_CYCLE_YEARS = 5;
const INSPECTED_CLASSES = ['bridge'];

export interface Headline {
  asOfYear: number;
  population: number | null;
  floorArea: number;
  /** Shares of the floor area (0–1): 30 years or older, built before 1981, graded C or D. */
  aged30: number;
  before1981: number;
  gradeCD: number;
  /** Floor area whose year built (or grade) is unknown, so that the shares say what they rest on. */
  unknownYearArea: number;
  ungradedArea: number;
  /** The reference scenario (national method, no cap) and its figures; null without one. */
  reference: {
    scenario: Pick<Scenario, 'id' | 'name' | 'years' | 'startYear'>;
    total: number;
    annualAverage: number;
    referenceInvestment: number | null;
    ratio: number | null;
    /** 積み残し: works already overdue at the start (the backlog_* works of the method). */
    backlogToday: number;
  } | null;
  /** The first four scenarios with what they spend and leave, where their runs are at hand (null:
   * not computed on the data as it is now). */
  scenarios: { id: number; name: string; spent: number | null; backlogEnd: number | null }[];
  todo: {
    unclassified: number;
    noYearBuilt: number;
    inspectionsOverdue: number;
    staleScenarios: number;
  };
}

/** At most this many buildings on the home page's small map (the map page shows them all). */
const MINI_MAP_POINTS = 5_000;

/** The city's boundary rings ([lon, lat]) from the basemap (outer rings only); empty without one. */
export async function cityBoundary(db: Kysely<Database>): Promise<[number, number][][]> {
  return (await basemapOfKind(db, 'boundary')).flatMap((r) => {
    const g = JSON.parse(r.geometry) as { type: string; coordinates: unknown };
    if (g.type === 'Polygon') return [(g.coordinates as [number, number][][])[0]!];
    if (g.type === 'MultiPolygon')
      return (g.coordinates as [number, number][][][]).map((p) => p[0]!);
    return [];
  });
}

/** What the home page's small map draws: the boundary and the buildings by age. */
export async function miniMap(db: Kysely<Database>, asOfYear: number): Promise<MiniMap> {
  const [boundary, rows, count] = await Promise.all([
    cityBoundary(db),
    placedBuildings(db, MINI_MAP_POINTS),
    countPlacedBuildings(db)
  ]);
  return {
    boundary,
    buildings: rows.map((r) => ({
      lon: (r.min_lon + r.max_lon) / 2,
      lat: (r.min_lat + r.max_lat) / 2,
      age: r.year_built === null ? null : asOfYear - r.year_built
    })),
    placed: count
  };
}

export async function cityHeadline(db: Kysely<Database>): Promise<Headline> {
  const settings = await getSettings(db);
  const year = asOfYearOf(settings);
  const [stock, todo, unclassified, scenarios] = await Promise.all([
    buildingStock(db, year),
    registerGaps(db, year, INSPECTED_CLASSES, INSPECTION_CYCLE_YEARS),
    countUnclassified(db),
    listScenarios(db)
  ]);
  const area = Number(stock.area);
  const share = (v: unknown) => (area > 0 ? Number(v) / area : 0);

  let reference: Headline['reference'] = null;
  // The reference first, then the oldest scenarios (the list itself runs newest first).
  // (The list runs newest first: the oldest of several alike is the reference.)
  const oldestFirst = [...scenarios].sort((a, b) => a.id - b.id);
  const k0 = referenceIndex(oldestFirst);
  const shown = oldestFirst.length
    ? [oldestFirst[k0]!, ...oldestFirst.filter((_, n) => n !== k0)].slice(0, 4)
    : [];
  const runs = await Promise.all(shown.map((s) => cachedRun(db, s.id)));
  if (scenarios.length) {
    const s = shown[0]!;
    const uncapped = s.params.budget.kind === 'none';
    if (uncapped) {
      // Computed in the compute pool when the cache lacks it (first start: once).
      const run = runs[0] ?? (await runScenario(db, s.id, s));
      runs[0] = run;
      const r = run.result;
      const backlogToday = Object.entries(r.byWorkType)
        .filter(([wt]) => wt.startsWith('backlog_'))
        .reduce((sum, [, v]) => sum + (v ?? []).reduce((a, b) => a + b, 0), 0);
      reference = {
        scenario: { id: s.id, name: s.name, years: s.years, startYear: s.startYear },
        total: r.headline.total,
        annualAverage: r.headline.annualAverage,
        referenceInvestment: r.headline.referenceInvestment,
        ratio: r.headline.ratioToReference,
        backlogToday
      };
    }
  }
  // Stale (once the reference has run): a scenario that ran, but not on the data as it is now.
  const stale = await countStale(db, scenarios);
  const population = Number(settings.city_population);
  return {
    asOfYear: year,
    population: Number.isFinite(population) && population > 0 ? population : null,
    floorArea: area,
    aged30: share(stock.aged30),
    before1981: share(stock.before1981),
    gradeCD: share(stock.gradeCD),
    unknownYearArea: Number(stock.unknownYear),
    ungradedArea: Number(stock.ungraded),
    reference,
    scenarios: shown.map((s, n) => ({
      id: s.id,
      name: s.name,
      spent: runs[n] ? spentTotal(runs[n]!.result) : null,
      backlogEnd: runs[n]?.result.headline.backlogEnd ?? null
    })),
    todo: {
      unclassified,
      noYearBuilt: Number(todo.noYear ?? 0),
      inspectionsOverdue: Number(todo.overdue ?? 0),
      staleScenarios: stale
    }
  };
}
