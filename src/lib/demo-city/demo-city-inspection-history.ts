/**
 * The round of inspections before the latest, so that the demo city has what a city has after
 * two rounds of 定期点検 (bridges every five years since FY2014; buildings' 法定点検 and surveys):
 * pairs of successive grades to calibrate the condition model on (engine/calibrate-markov.ts).
 * Given the latest grade g, the earlier e ≤ g is drawn in proportion to a stated yearly chain's
 * chance of going from e to g in the years between (synthetic; with every earlier grade equally
 * likely beforehand, so a calibration finds a chain near this one, not this one). Deterministic.
 */
import { markovMatrix, powers } from '../engine/calibrate-markov';
import type { Random } from '../random';
import type { DemoInspectionRecord } from './demo-city';

/** The yearly chance of staying in each grade the earlier rounds are drawn with (synthetic). */
export const DEMO_STAY: Record<'building' | 'bridge', number[]> = {
  building: [0.93, 0.9, 0.94, 1],
  bridge: [0.95, 0.92, 0.9, 1]
};
const GRADES: Record<'building' | 'bridge', string[]> = {
  building: ['A', 'B', 'C', 'D'],
  bridge: ['I', 'II', 'III', 'IV']
};
const YEARS_BEFORE = 5;
/** The first rounds: bridges' 定期点検 began in FY2014. */
const EARLIEST = '2014-04-01';

/** The inspections of the round before, for those of `classOf` a graded class. */
export function earlierInspections(
  random: Random,
  inspections: readonly DemoInspectionRecord[],
  classOf: ReadonlyMap<string, string>
): DemoInspectionRecord[] {
  const chains = {
    building: powers(markovMatrix(DEMO_STAY.building), YEARS_BEFORE)[YEARS_BEFORE - 1]!,
    bridge: powers(markovMatrix(DEMO_STAY.bridge), YEARS_BEFORE)[YEARS_BEFORE - 1]!
  };
  const out: DemoInspectionRecord[] = [];
  for (const i of inspections) {
    const cls = classOf.get(i.asset_code);
    if (cls !== 'building' && cls !== 'bridge') continue;
    const year = Number(i.inspected_on.slice(0, 4)) - YEARS_BEFORE;
    const date = `${year}${i.inspected_on.slice(4)}`;
    if (date < EARLIEST) continue;
    const g = GRADES[cls].indexOf(i.grade);
    if (g < 0) continue;
    const weights = GRADES[cls].map((_, e) => (e <= g ? chains[cls][e]![g]! : 0));
    const total = weights.reduce((a, b) => a + b, 0);
    let r = random.next() * total;
    let e = 0;
    while (e < g && r >= weights[e]!) r -= weights[e++]!;
    out.push({ ...i, inspected_on: date, grade: GRADES[cls][e]!, note: null });
  }
  return out;
}
