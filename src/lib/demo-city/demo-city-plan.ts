/**
 * The demo city's 個別施設計画: what its facilities staff would plan for the buildings the generator
 * drew, derived from the buildings themselves (their use, age, structure, grade and distance), not
 * tuned to a result. Three kinds of decision, as published plans make them:
 * - **長寿命化** as the default for every facility whose main buildings are sound frames: RC, SRC
 *   or steel, built from 1971 and not graded D, so that the life-extended cycle applies;
 * - **複合化**: the 地区交流センター whose surroundings hold the most floor area past 40 years
 *   gather the 集会所 and library branch within reach into a new 複合施設 on the centre's site,
 *   with the floor area shared spaces save; the old buildings close when it opens;
 * - **廃止（地元譲渡）** of small 集会所 built before 1981 in poor condition that no consolidation takes.
 * Pure and deterministic: the same buildings give the same plan.
 */
import type { DemoBuilding, DemoFacility } from './demo-city-facilities';
import { distance, type XY } from './demo-city-land';

export interface PlannedPolicy {
  policy: 'extend' | 'consolidate' | 'close';
  policy_year: number | null;
  consolidate_into: string | null;
}

export interface PlannedFacility {
  code: string;
  name: string;
  xy: XY;
  /** Fiscal year the new building opens (the members close that year). */
  year: number;
  area: number;
  structure: string;
  members: string[];
}

export interface DemoPlan {
  policies: Map<string, PlannedPolicy>;
  newFacilities: PlannedFacility[];
}

/** Structures whose life the 長寿命化 cycle extends (concrete and steel frames). */
const FRAMED = new Set(['rc', 'src', 'steel']);
/**
 * Concrete poured before this fiscal year is often found too weak to extend in the 長寿命化 surveys
 * (文部科学省's guide screens out frames below 13.5 N/mm²); the demo, which has no cores, takes
 * the year as the screen and a building not graded D as sound enough.
 */
const SOUND_CONCRETE_FROM = 1971;
/**
 * How far a facility may be from the centre it joins (metres, straight line): a 集会所 serves its
 * neighbourhood, a library branch a wider district.
 */
const GATHER_RADIUS_M: Record<string, number> = { meeting_hall: 1_500, library: 2_000 };
/** At most this many consolidations: a first 個別施設計画 takes on two or three. */
const CONSOLIDATIONS = 3;
/**
 * Floor area of a 複合施設 as a share of the members' floor area: entrance halls, offices, toilets,
 * halls and storage are built once instead of in each member. Published 複合化 projects report
 * reductions of roughly 20–35 %; the demo takes 25 %, a stated assumption, not a fitted figure.
 */
const SHARED_SPACE_KEEP = 0.75;
/** The first 複合施設 opens four fiscal years after the plan (design and build), then one every three. */
const FIRST_OPENING = 4;
const OPENING_STEP = 3;
/** Closures of small halls: handed to the 自治会 three years after the plan. */
const CLOSURE_AFTER = 3;

/** Derives the demo city's plan from its facilities and buildings as of `asOfYear`. */
export function planDemoCity(
  facilities: readonly DemoFacility[],
  buildings: readonly DemoBuilding[],
  asOfYear: number
): DemoPlan {
  const byFacility = new Map<string, DemoBuilding[]>();
  for (const b of buildings) {
    const list = byFacility.get(b.facilityCode);
    if (list) list.push(b);
    else byFacility.set(b.facilityCode, [b]);
  }
  const active = facilities.filter((f) => f.status === 'active' && byFacility.has(f.code));
  const oldest = (f: DemoFacility) => Math.min(...byFacility.get(f.code)!.map((b) => b.yearBuilt));
  const area = (f: DemoFacility) => byFacility.get(f.code)!.reduce((s, b) => s + b.area, 0);
  const policies = new Map<string, PlannedPolicy>();
  const newFacilities: PlannedFacility[] = [];

  // 複合化: each centre with what lies within its reach; the clusters that retire the most floor
  // area past 40 years first (a first plan takes on what is most due), none sharing a member.
  const joinable = active.filter(
    (f) =>
      f.subcategory === 'meeting_hall' || (f.subcategory === 'library' && !f.name.includes('中央'))
  );
  const dueArea = (f: DemoFacility) =>
    byFacility
      .get(f.code)!
      .filter((b) => asOfYear - b.yearBuilt >= 40)
      .reduce((s, b) => s + b.area, 0);
  const clusters = active
    .filter((f) => f.subcategory === 'community_centre')
    .map((centre) => {
      const near = joinable
        .filter((f) => distance(f.xy, centre.xy) <= (GATHER_RADIUS_M[f.subcategory] ?? 0))
        .sort((a, b) => distance(a.xy, centre.xy) - distance(b.xy, centre.xy));
      const members = [centre, ...near];
      return { centre, members, due: members.reduce((s, f) => s + dueArea(f), 0) };
    })
    .filter((c) => c.members.length > 1 && c.due > 0)
    .sort((a, b) => b.due - a.due || a.centre.code.localeCompare(b.centre.code));
  for (const { centre, members } of clusters) {
    if (newFacilities.length === CONSOLIDATIONS) break;
    if (members.some((f) => policies.has(f.code))) continue;
    const n = newFacilities.length + 1;
    const code = `F-PLAN-${String(n).padStart(2, '0')}`;
    const year = asOfYear + FIRST_OPENING + OPENING_STEP * (n - 1);
    newFacilities.push({
      code,
      name: `（仮称）${centre.name.replace('地区交流センター', '')}複合施設`,
      xy: centre.xy,
      year,
      area: Math.round(members.reduce((s, f) => s + area(f), 0) * SHARED_SPACE_KEEP),
      structure: 'rc',
      members: members.map((f) => f.code)
    });
    for (const f of members)
      policies.set(f.code, { policy: 'consolidate', policy_year: year, consolidate_into: code });
  }

  // 長寿命化: every facility whose main buildings are sound frames (the plan's default for
  // buildings that pass the screen; the rest are rebuilt at the end of their life).
  for (const f of active) {
    if (policies.has(f.code)) continue;
    const own = byFacility.get(f.code)!;
    const main = own.filter((b) => b.area >= 200);
    if (
      main.length > 0 &&
      main.every(
        (b) => FRAMED.has(b.structure) && b.yearBuilt >= SOUND_CONCRETE_FROM && b.grade !== 'D'
      )
    )
      policies.set(f.code, { policy: 'extend', policy_year: null, consolidate_into: null });
  }

  // 廃止: small old halls in poor condition.
  for (const f of active) {
    if (policies.has(f.code) || f.subcategory !== 'meeting_hall') continue;
    const own = byFacility.get(f.code)!;
    if (oldest(f) < 1981 && own.every((b) => b.grade === 'C' || b.grade === 'D'))
      policies.set(f.code, {
        policy: 'close',
        policy_year: asOfYear + CLOSURE_AFTER,
        consolidate_into: null
      });
  }
  return { policies, newFacilities };
}
