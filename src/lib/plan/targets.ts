/**
 * The city's numeric targets (数値目標 of the 総合管理計画) and each one's path: where it stands
 * now, where a scenario (the adopted plan's, typically) takes it by the target year, and the gap.
 * Three kinds, as published plans state them: total floor area changed by a percentage against a
 * base year (the base figure as the plan published it — the register does not hold the past);
 * the share of buildings graded C or D kept under a percentage; the backlog cleared by a year.
 */
import { z } from 'zod';

const year = z.number().int().min(1950).max(2150);
export const targetSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('floor_area'),
      baseYear: year,
      baseArea: z.number().positive().max(1e9),
      targetYear: year,
      changePercent: z.number().min(-100).max(100)
    })
    .strict(),
  z
    .object({
      kind: z.literal('poor_share'),
      targetYear: year,
      maxPercent: z.number().min(0).max(100)
    })
    .strict(),
  z.object({ kind: z.literal('backlog'), targetYear: year }).strict()
]);
export const targetsSchema = z.array(targetSchema).max(20);
export type Target = z.infer<typeof targetSchema>;

export const TARGET_LABELS: Record<Target['kind'], { ja: string; en: string }> = {
  floor_area: { ja: '延床面積の縮減', en: 'Total floor area' },
  poor_share: { ja: '劣化（C・D判定）の建物の割合', en: 'Share of buildings graded C or D' },
  backlog: { ja: '積み残し（未実施の工事）の解消', en: 'Backlog cleared' }
};

/** What a scenario's run gives the targets: per year of its horizon. */
export interface ScenarioPath {
  startYear: number;
  /** Buildings' floor area (㎡) at the end of each year. */
  stockArea: number[];
  /** Grade counts at the end of each year (buildings A–D and bridges I–IV together). */
  condition: Record<string, number>[];
  /** Backlog (yen) at the end of each year, or null without a budget (nothing waits). */
  backlog: number[] | null;
}

export interface TargetPath {
  target: Target;
  /** The value the target asks for (㎡, %, yen). */
  goal: number;
  /** The value now (the register, or the scenario's first year for the backlog). */
  now: number | null;
  /** The scenario's value in the target year, or null when the year is outside its horizon. */
  projected: number | null;
  /** Every fifth year of the path, and the target year. */
  path: { year: number; value: number }[];
  /** projected − goal (positive: short of the target for every kind), or null. */
  gap: number | null;
  met: boolean | null;
  /**
   * Why there is no verdict: the target year is outside the horizon, or (a backlog target) the
   * scenario has no budget limit — every work is done when due, so no backlog can arise and the
   * target says nothing about it.
   */
  noVerdict: 'outside' | 'no_budget' | null;
}

const poorShare = (counts: Record<string, number>) => {
  const graded = (counts.A ?? 0) + (counts.B ?? 0) + (counts.C ?? 0) + (counts.D ?? 0);
  return graded > 0 ? (((counts.C ?? 0) + (counts.D ?? 0)) / graded) * 100 : 0;
};

/** Each target's path under a scenario, from the register's figures now. */
export function targetPaths(
  targets: readonly Target[],
  now: { floorArea: number; poorShare: number | null },
  scenario: ScenarioPath
): TargetPath[] {
  const S = scenario.startYear;
  const H = scenario.stockArea.length;
  const series = (t: Target): ((k: number) => number) | null => {
    if (t.kind === 'floor_area') return (k) => scenario.stockArea[k]!;
    if (t.kind === 'poor_share') return (k) => poorShare(scenario.condition[k]!);
    return scenario.backlog ? (k) => scenario.backlog![k]! : null;
  };
  return targets.map((target) => {
    const goal =
      target.kind === 'floor_area'
        ? target.baseArea * (1 + target.changePercent / 100)
        : target.kind === 'poor_share'
          ? target.maxPercent
          : 0;
    const value = series(target);
    const k = target.targetYear - S;
    const inside = k >= 0 && k < H;
    const projected = value && inside ? value(k) : null;
    const path: { year: number; value: number }[] = [];
    if (value)
      for (let j = 0; j < H; j++)
        if ((S + j) % 5 === 0 || j === k) path.push({ year: S + j, value: value(j) });
    const nowValue =
      target.kind === 'floor_area'
        ? now.floorArea
        : target.kind === 'poor_share'
          ? now.poorShare
          : (scenario.backlog?.[0] ?? null);
    const gap = projected === null ? null : projected - goal;
    return {
      target,
      goal,
      now: nowValue,
      projected,
      path: path.filter((p) => p.year <= Math.max(target.targetYear, S)),
      gap,
      met: gap === null ? null : gap <= 1e-9,
      noVerdict: !value ? 'no_budget' : !inside ? 'outside' : null
    };
  });
}
