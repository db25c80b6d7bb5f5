/**
 * The demand side: the small areas' population projected from the latest census year to 2060
 * (cohort-component, engine/population.ts) with the assumptions in the settings (else Hozen's
 * defaults), scaled to the city's official totals where given (setting `population_official`:
 * {"2030": 138000, …}); read once per state of the data. Totals per year for the KPIs, and the
 * people within reach of a point by age band.
 */
import type { Kysely } from 'kysely';
import type { Database, NewPopulationAreaRow } from '../db/database';
import {
  atYear,
  inBand,
  projectAreas,
  projectionParamsSchema,
  scaleToTotals,
  total,
  type AgeBand,
  type Cohorts,
  type ProjectionParams
} from '../../engine/population';
import { DEFAULT_PROJECTION } from '../../engine/population-defaults';
import { metres } from '../../engine/access';
import { serviceOf } from '../../engine/access-defaults';
import {
  latestPopulationAreas,
  replacePopulationYear
} from '../repositories/population.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { parseCensusTable } from '../../io/census-csv';
import type { Said } from '../../i18n/said';
import type {
  Feature,
  FeatureCollection,
  Geometry,
  MultiPolygon,
  Polygon,
  Position
} from 'geojson';
import { RoadNetwork } from '../../engine/road-network';
import { pointOnFeature } from '@turf/turf';
import { getSettings } from '../repositories/settings.repository';
import { activeGeometriesOf } from '../repositories/assets.repository';
import { perRevision } from './per-revision';

/** The projection runs to this year (past the end of a 40- or 50-year scenario from today). */
const UNTIL = 2080;

export interface PopulationOutlook {
  censusYear: number;
  years: number[];
  /** Per area: code, name, point and its cohorts at each projected year. */
  areas: {
    code: string;
    name: string;
    lon: number;
    lat: number;
    /** Its outline as stored (GeoJSON text). */
    geometry: string;
    cohorts: Cohorts[];
  }[];
  /** The city's total at each projected year. */
  totals: number[];
  params: ProjectionParams;
  scaled: boolean;
}

/** The projection on the data as it is now, or null without population data. */
export const populationOutlook = perRevision(compute);

async function compute(db: Kysely<Database>): Promise<PopulationOutlook | null> {
  const [{ year, rows }, settings] = await Promise.all([
    latestPopulationAreas(db),
    getSettings(db)
  ]);
  if (year === null || !rows.length) return null;
  let params = DEFAULT_PROJECTION;
  try {
    const given = projectionParamsSchema.safeParse(
      JSON.parse(settings.population_assumptions ?? 'null')
    );
    if (given.success) params = given.data;
  } catch {
    // Hozen's defaults when the setting cannot be read.
  }
  const official = new Map<number, number>();
  try {
    for (const [y, v] of Object.entries(
      JSON.parse(settings.population_official ?? '{}') as Record<string, unknown>
    ))
      if (Number.isInteger(Number(y)) && typeof v === 'number' && v > 0) official.set(Number(y), v);
  } catch {
    // No official totals.
  }
  const base = rows.map((r) => JSON.parse(r.counts) as Cohorts);
  const projected = projectAreas(base, year, UNTIL, params);
  const result = official.size ? scaleToTotals(projected, official) : projected;
  return {
    censusYear: year,
    years: result.years,
    areas: rows.map((r, k) => ({
      code: r.code,
      name: r.name,
      lon: Number(r.lon),
      lat: Number(r.lat),
      geometry: r.geometry,
      cohorts: result.areas[k]!
    })),
    totals: result.years.map((_, k) => result.areas.reduce((s, a) => s + total(a[k]!), 0)),
    params,
    scaled: official.size > 0
  };
}

/** The city's population at each of `years` (linear between the projected years). */
export function totalsAt(o: PopulationOutlook, years: readonly number[]): number[] {
  return years.map((y) => atYear(o.years, o.totals, y));
}

/** The people of an age band living in `areas`, at each of `years`. */
function peopleOf(
  o: PopulationOutlook,
  areas: PopulationOutlook['areas'],
  band: AgeBand,
  years: readonly number[]
): number[] {
  return years.map((y) =>
    areas.reduce(
      (s, a) =>
        s +
        atYear(
          o.years,
          a.cohorts.map((c) => inBand(c, band)),
          y
        ),
      0
    )
  );
}

/**
 * The people of an age band within `radius` metres (straight line) of a point — an area counts
 * whole when its representative point is within reach — at each of `years`.
 */
export function catchment(
  o: PopulationOutlook,
  at: { lon: number; lat: number },
  radius: number,
  band: AgeBand,
  years: readonly number[]
): number[] {
  const near = o.areas.filter((a) => metres(at.lon, at.lat, a.lon, a.lat) <= radius);
  return peopleOf(o, near, band, years);
}

/**
 * The age band and reach (m) a use serves (engine/access-defaults.ts): children for schools and
 * childcare, 65+ for welfare; everyone within 1.5 km for a use Hozen follows no service of.
 */
export function servedBy(
  category: string,
  subcategory: string | null
): { band: AgeBand; radius: number } {
  const service = serviceOf(category, subcategory);
  return service ? { band: service.band, radius: service.reach } : { band: 'all', radius: 1_500 };
}

/** The road layer as a network (null without roads), built once per state of the data. */
export const roadNetwork = perRevision(buildNetwork);

async function buildNetwork(db: Kysely<Database>): Promise<RoadNetwork | null> {
  const rows = await activeGeometriesOf(db, ['road']);
  const lines: Position[][] = [];
  for (const r of rows) {
    const g = JSON.parse(r.geometry) as Geometry | null;
    if (g?.type === 'LineString') lines.push(g.coordinates);
    else if (g?.type === 'MultiLineString') lines.push(...g.coordinates);
  }
  return RoadNetwork.fromLines(lines);
}

/** Where each area joins the road network: its nearest road point and the straight line to it. */
const joins = new WeakMap<
  RoadNetwork,
  WeakMap<PopulationOutlook, { node: Int32Array; metres: Float64Array }>
>();

function areaJoins(net: RoadNetwork, o: PopulationOutlook) {
  let byOutlook = joins.get(net);
  if (!byOutlook) joins.set(net, (byOutlook = new WeakMap()));
  let found = byOutlook.get(o);
  if (!found) {
    const node = new Int32Array(o.areas.length);
    const away = new Float64Array(o.areas.length);
    o.areas.forEach((a, k) => {
      const n = net.nearest(a.lon, a.lat);
      node[k] = n.node;
      away[k] = n.metres;
    });
    found = { node, metres: away };
    byOutlook.set(o, found);
  }
  return found;
}

/**
 * The people of an age band within `radius` metres of a point along the roads (from the point to
 * its nearest road point, along the roads, then to the area's point), at each of `years`.
 */
export function roadCatchment(
  o: PopulationOutlook,
  net: RoadNetwork,
  at: { lon: number; lat: number },
  radius: number,
  band: AgeBand,
  years: readonly number[]
): number[] {
  const dist = net.distancesFrom(at.lon, at.lat, radius);
  const join = areaJoins(net, o);
  const near = o.areas.filter(
    (a, k) =>
      // A road distance is never shorter than the straight line: only areas within that are tried.
      metres(at.lon, at.lat, a.lon, a.lat) <= radius &&
      dist[join.node[k]!]! + join.metres[k]! <= radius
  );
  return peopleOf(o, near, band, years);
}

/** The years a facility's catchment is shown for: the census year, 2035 and 2050. */
export const CATCHMENT_YEARS = [2035, 2050];

export interface FacilityDemand {
  band: AgeBand;
  radius: number;
  points: { year: number; people: number }[];
  /** The same along the roads (null without a road layer). */
  road: { year: number; people: number }[] | null;
  censusYear: number;
  assumptions: string;
}

/** The people a facility serves within reach, now and in 2035 and 2050 (null: no population data or no place). */
export async function facilityDemand(
  db: Kysely<Database>,
  f: { lon: number | null; lat: number | null; category: string; subcategory: string | null }
): Promise<FacilityDemand | null> {
  if (f.lon === null || f.lat === null) return null;
  const o = await populationOutlook(db);
  if (!o) return null;
  const { band, radius } = servedBy(f.category, f.subcategory);
  const years = [o.censusYear, ...CATCHMENT_YEARS];
  const people = catchment(o, { lon: f.lon, lat: f.lat }, radius, band, years);
  const net = await roadNetwork(db);
  const road = net ? roadCatchment(o, net, { lon: f.lon, lat: f.lat }, radius, band, years) : null;
  return {
    band,
    radius,
    points: years.map((year, k) => ({ year, people: people[k]! })),
    road: road ? years.map((year, k) => ({ year, people: road[k]! })) : null,
    censusYear: o.censusYear,
    assumptions: o.params.source
  };
}

export interface PopulationImport {
  written: boolean;
  areas: number;
  hidden: number;
  unplaced: string[];
  problems: Said[];
}

/**
 * Imports a census small-area table (text as decoded) for a census `year` with its boundaries
 * (GeoJSON features carrying the area's KEY_CODE, as e-Stat's 境界データ do): the year's areas are
 * replaced in one transaction and audited. An area without a boundary cannot be placed: it is
 * listed and left out; nothing is written when no area can be.
 */
export async function importPopulation(
  db: Kysely<Database>,
  who: AuditWho,
  input: { text: string; boundaries: FeatureCollection; year: number; source: string }
): Promise<PopulationImport> {
  const table = parseCensusTable(input.text);
  const shapes = new Map<string, Feature>();
  for (const f of input.boundaries.features) {
    const code = String(f.properties?.KEY_CODE ?? f.properties?.key_code ?? '');
    if (code && f.geometry) shapes.set(code, f);
  }
  const rows: NewPopulationAreaRow[] = [];
  const unplaced: string[] = [];
  for (const a of table.areas) {
    const shape = shapes.get(a.code);
    if (!shape) {
      unplaced.push(a.code);
      continue;
    }
    const [lon, lat] = pointOnFeature(shape as Feature<Polygon | MultiPolygon>).geometry
      .coordinates;
    rows.push({
      code: a.code,
      name: a.name,
      kind: 'chome',
      year: input.year,
      counts: JSON.stringify(a.counts),
      total: total(a.counts),
      lon: lon!,
      lat: lat!,
      geometry: JSON.stringify(shape.geometry),
      source: input.source
    });
  }
  const result: PopulationImport = {
    written: false,
    areas: rows.length,
    hidden: table.areas.filter((a) => a.hidden).length,
    unplaced,
    problems: table.problems
  };
  if (!rows.length || table.problems.length) return result;
  await db.transaction().execute(async (trx) => {
    await replacePopulationYear(trx, input.year, rows);
    await writeAudit(trx, who, {
      action: 'import',
      entity: 'population',
      entityId: String(input.year),
      before: null,
      after: { year: input.year, areas: rows.length, unplaced: unplaced.length },
      note: input.source
    });
  });
  return { ...result, written: true };
}
