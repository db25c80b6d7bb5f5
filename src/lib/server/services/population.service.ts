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
import { censusAreas, type CensusAreas, type CensusFiles } from '../../io/census-import';
import { BusyError, compute, ComputeLimitError } from '../compute/pool';
import type { Said } from '../../i18n/said';
import type { FeatureCollection } from 'geojson';
import { RoadNetwork } from '../../engine/road-network';
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
export const populationOutlook = perRevision(readOutlook);

async function readOutlook(db: Kysely<Database>): Promise<PopulationOutlook | null> {
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
  if (!rows.length) return null;
  // Joining a large city's roads takes about a second: done in the compute pool.
  const arrays = await compute('roadNetwork', { geometries: rows.map((r) => r.geometry) });
  return arrays ? RoadNetwork.fromArrays(arrays) : null;
}

/**
 * The road network, or null when the compute pool cannot build it now (busy): a facility's demand
 * is then shown in a straight line only, rather than the page failing; the next view tries again.
 */
async function roadNetworkIfReady(db: Kysely<Database>): Promise<RoadNetwork | null> {
  try {
    return await roadNetwork(db);
  } catch (e) {
    if (e instanceof BusyError || e instanceof ComputeLimitError) return null;
    throw e;
  }
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
  const net = await roadNetworkIfReady(db);
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
  return writeCensusAreas(
    db,
    who,
    input.year,
    input.source,
    censusAreas(input.text, input.boundaries, input.year, input.source)
  );
}

/**
 * The same from the files as uploaded (bytes): decoded, parsed and placed in the compute pool —
 * a city's boundaries are tens of megabytes of GeoJSON — then written here. A file that cannot be
 * read is refused, naming it.
 */
export async function importPopulationFiles(
  db: Kysely<Database>,
  who: AuditWho,
  input: CensusFiles
): Promise<PopulationImport | { refused: Said }> {
  const read = await compute('census', input, { owner: who.username });
  if ('refused' in read) return read;
  return writeCensusAreas(db, who, input.year, input.source, read);
}

/** Replaces the census year's areas by those read (audited); nothing when none or a problem. */
async function writeCensusAreas(
  db: Kysely<Database>,
  who: AuditWho,
  year: number,
  source: string,
  read: CensusAreas
): Promise<PopulationImport> {
  const rows: NewPopulationAreaRow[] = read.rows;
  const unplaced = read.unplaced;
  const result: PopulationImport = {
    written: false,
    areas: rows.length,
    hidden: read.hidden,
    unplaced,
    problems: read.problems
  };
  if (!rows.length || read.problems.length) return result;
  await db.transaction().execute(async (trx) => {
    await replacePopulationYear(trx, year, rows);
    await writeAudit(trx, who, {
      action: 'import',
      entity: 'population',
      entityId: String(year),
      before: null,
      after: { year, areas: rows.length, unplaced: unplaced.length },
      note: source
    });
  });
  return { ...result, written: true };
}
