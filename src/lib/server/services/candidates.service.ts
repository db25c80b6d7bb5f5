/**
 * Candidates for review from demand (engine/candidates.ts) on the city's data: every facility in
 * service with a place, grouped by the service it offers (else its use and finer use), scored on falling demand
 * within its reach from the census year to 2050, overlap with its group, use per ㎡ and condition —
 * with the nearest facility of its group (where a consolidation would go). Read once per state of
 * the data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Candidate } from '../../engine/candidates';
import { compute } from '../compute/pool';
import { serviceOf } from '../../engine/access-defaults';
import { metres } from '../../engine/access';
import { AGE_BANDS, type AgeBand } from '../../engine/population';
import { populationOutlook, servedBy } from './population.service';
import { perRevision } from './per-revision';
import { asOfYear } from '../repositories/settings.repository';
import { buildingTotalsByFacility } from '../repositories/assets.repository';
import { placedActiveFacilities } from '../repositories/facilities.repository';

/** The later year demand is compared with. */
export const CANDIDATE_YEAR = 2050;

export interface CandidateRow extends Candidate {
  name: string;
  category: string;
  /** The group it is compared in: a service id, else its use and finer use ("other/warehouse"). */
  group: string;
  policy: string;
  band: AgeBand;
  reach: number;
  /** The nearest facility of its group that stays (else the nearest), with the distance (m). */
  nearest: { code: string; name: string; metres: number } | null;
}

export interface CandidatesPage {
  censusYear: number | null;
  year: number;
  asOf: number;
  rows: CandidateRow[];
}

const BANDS = Object.keys(AGE_BANDS) as AgeBand[];

/** The candidates on the data as it is now. */
export const reviewCandidates = perRevision(readCandidates);

async function readCandidates(db: Kysely<Database>): Promise<CandidatesPage> {
  const [o, asOf, facilities, buildings] = await Promise.all([
    populationOutlook(db),
    asOfYear(db),
    placedActiveFacilities(db),
    buildingTotalsByFacility(db)
  ]);
  const byFacility = new Map(buildings.map((b) => [b.facility_id, b]));
  const input = facilities.map((f) => {
    const b = byFacility.get(f.id);
    const { band, radius } = servedBy(f.category, f.subcategory);
    const grade = b?.grade ?? null;
    return {
      code: f.code,
      group: serviceOf(f.category, f.subcategory)?.id ?? `${f.category}/${f.subcategory ?? ''}`,
      lon: f.lon!,
      lat: f.lat!,
      reach: radius,
      band: BANDS.indexOf(band),
      floorArea: Number(b?.area ?? 0),
      yearlyUsers: f.yearly_users,
      worstGrade: grade && /^[A-D]$/.test(grade) ? grade : null,
      oldestYear: b?.built === null || b?.built === undefined ? null : Number(b.built)
    };
  });
  // Ranked in the compute pool: areas × facilities, a city's census mesh can be large.
  const ranked = await compute('candidates', {
    facilities: input,
    outlook: o && {
      censusYear: o.censusYear,
      years: o.years,
      areas: o.areas.map((a) => ({ lon: a.lon, lat: a.lat, cohorts: a.cohorts }))
    },
    bands: BANDS,
    later: CANDIDATE_YEAR,
    asOf
  });
  const info = new Map(facilities.map((f, k) => [f.code, { f, i: input[k]! }]));
  return {
    censusYear: o?.censusYear ?? null,
    year: CANDIDATE_YEAR,
    asOf,
    rows: ranked.map((c) => {
      const { f, i } = info.get(c.code)!;
      // The nearest that stays (its card neither closes nor consolidates it), else the nearest.
      let nearest: CandidateRow['nearest'] = null;
      let stays = false;
      for (const other of input) {
        if (other.group !== i.group || other.code === i.code) continue;
        const d = metres(i.lon, i.lat, other.lon, other.lat);
        const policy = info.get(other.code)!.f.policy;
        const staying = policy !== 'close' && policy !== 'consolidate';
        if (!nearest || (staying && !stays) || (staying === stays && d < nearest.metres)) {
          nearest = { code: other.code, name: info.get(other.code)!.f.name, metres: d };
          stays = staying;
        }
      }
      return {
        ...c,
        name: f.name,
        category: f.category,
        group: i.group,
        policy: f.policy,
        band: BANDS[i.band]!,
        reach: i.reach,
        nearest
      };
    })
  };
}
