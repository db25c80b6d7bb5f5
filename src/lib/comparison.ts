/**
 * What a comparison of scenarios says in words, honestly. Two scenarios differ in what they
 * spend over their horizon for two reasons that council must never confuse:
 * - **fewer (or more) works**: the assets need less — life extension moves rebuilds beyond the
 *   horizon, consolidation removes floor area. That is a saving.
 * - **deferral**: a budget cap leaves required works undone; they wait in the backlog at the
 *   end. That is not a saving: the need is still there, and the assets are older for it.
 * `difference` splits the gap in spending into those two parts, which add up to it exactly;
 * `differenceSentences` says each, with the backlog a cap leaves.
 * The reference is chosen by rule, not by list order: the national method without a cap.
 */
import type { ComparedResult, Scenario } from './scenario';
import { t, type Lang } from './i18n/messages';
import { WORK_TYPES, type WorkType } from './engine/work-types';

type Run = Pick<ComparedResult, 'byWorkType' | 'need' | 'years' | 'headline'>;

/** Yen spent over the horizon: the works paid (under a cap, the funded ones). */
export function spentTotal(r: Run): number {
  let sum = 0;
  for (const values of Object.values(r.byWorkType)) for (const v of values ?? []) sum += v;
  return sum;
}

/** Yen the assets require over the horizon, whatever the budget. */
export function needTotal(r: Run): number {
  return r.need.reduce((s, v) => s + v, 0);
}

export interface Difference {
  /** Spent by the reference minus spent by the other (> 0: the other spends less). */
  spent: number;
  /** The part from fewer works: the reference's need minus the other's (> 0: a real saving). */
  fewerWorks: number;
  /**
   * The part from deferral: what the other leaves unpaid of its need minus what the reference
   * leaves (> 0: the other defers more; not a saving).
   */
  deferred: number;
  /** Yen the other leaves unpaid of its own need over the horizon. */
  otherDeferredTotal: number;
  /** The other's backlog at the end of its horizon (null without a cap). */
  backlogEnd: number | null;
}

/** How two runs differ in what they spend, in two parts that add up to it to the yen. */
export function difference(reference: Run, other: Run): Difference {
  const spentRef = spentTotal(reference);
  const spentOther = spentTotal(other);
  const needRef = needTotal(reference);
  const needOther = needTotal(other);
  const fewerWorks = needRef - needOther;
  return {
    spent: spentRef - spentOther,
    fewerWorks,
    // spent = fewerWorks + deferred, exactly: (needRef − needOther) + ((needOther − spentOther)
    // − (needRef − spentRef)) = spentRef − spentOther.
    deferred: spentRef - spentOther - fewerWorks,
    otherDeferredTotal: needOther - spentOther,
    backlogEnd: other.headline.backlogEnd
  };
}

/**
 * Which scenario the others are compared with: the first that is the national method as it is
 * (soumu, no budget cap, no plan applied: no facility policies, overrides or committed works);
 * else the first on soumu without a cap; else the first without a cap; else the first.
 */
export function referenceIndex(
  scenarios: readonly Pick<Scenario, 'standard' | 'params'>[]
): number {
  const uncapped = (s: (typeof scenarios)[number]) => s.params.budget.kind === 'none';
  const plain = (s: (typeof scenarios)[number]) =>
    !s.params.facilityPolicies &&
    !s.params.adoptedPlan &&
    s.params.overrides.length === 0 &&
    s.params.committed.length === 0;
  for (const rule of [
    (s: (typeof scenarios)[number]) => s.standard === 'soumu' && uncapped(s) && plain(s),
    (s: (typeof scenarios)[number]) => s.standard === 'soumu' && uncapped(s),
    uncapped
  ]) {
    const found = scenarios.findIndex(rule);
    if (found >= 0) return found;
  }
  return 0;
}

/** Below half a million yen a difference reads as none (figures are shown in 億円 to 2 places). */
const NONE = 5e5;

/**
 * The difference in words: the saving from fewer works (or the extra cost of more), and the
 * deferral a cap causes, named as deferral with the backlog it leaves — never as a saving.
 */
export function differenceSentences(
  lang: Lang,
  names: { reference: string; other: string },
  years: number,
  d: Difference,
  needReference: number,
  oku: (yen: number) => string
): string[] {
  const fill = (key: Parameters<typeof t>[1], values: Record<string, string>) =>
    Object.entries(values).reduce((text, [k, v]) => text.replaceAll(`{${k}}`, v), t(lang, key));
  const pct = (yen: number) =>
    needReference ? ((Math.abs(yen) / needReference) * 100).toFixed(1) : '0.0';
  const common = { name: names.other, base: names.reference, years: String(years) };
  const out: string[] = [];
  if (Math.abs(d.fewerWorks) < NONE) out.push(fill('compareNeedSame', common));
  else
    out.push(
      fill(d.fewerWorks > 0 ? 'compareNeedLess' : 'compareNeedMore', {
        ...common,
        amount: oku(Math.abs(d.fewerWorks)),
        pct: pct(d.fewerWorks)
      })
    );
  if (d.deferred >= NONE)
    out.push(
      fill('compareDeferred', {
        ...common,
        amount: oku(d.deferred),
        backlog: oku(d.backlogEnd ?? d.otherDeferredTotal)
      })
    );
  else if (d.deferred <= -NONE)
    out.push(fill('compareDeferredLess', { ...common, amount: oku(-d.deferred) }));
  return out;
}

/** The causes a difference in spending is decomposed into (the waterfall's bars, in order). */
export const DECOMPOSITION_PARTS = [
  'rebuildsMoved',
  'lifeExtensionAdded',
  'otherWorks',
  'stockRemoved',
  'newBuildings',
  'demolition',
  'deferred'
] as const;
export type DecompositionPart = (typeof DECOMPOSITION_PARTS)[number];

type DecomposedRun = Run & Pick<ComparedResult, 'needByWorkType' | 'needWithoutStockChanges'>;

const REBUILDS: readonly WorkType[] = [
  'rebuild',
  'renovation',
  'backlog_rebuild',
  'backlog_renovation'
];
const LIFE_EXTENSION: readonly WorkType[] = [
  'life_extension',
  'midlife_repair',
  'backlog_life_extension'
];

/**
 * Why the other spends what it spends, against the reference, in parts that add up to the
 * difference in spending (reference − other; > 0: the other spends less):
 * - from the reference's need to the other's need with only its life extension: rebuilds and
 *   major renovations no longer due within the horizon (`rebuildsMoved`), the life-extension
 *   works and mid-life repairs added (`lifeExtensionAdded`, < 0), any other work type
 *   (`otherWorks`: a standard that prices infrastructure differently);
 * - from there to the other's need: the works of the floor area closed, consolidated or reduced
 *   (`stockRemoved`), the new buildings (`newBuildings`, < 0) and their demolition (`demolition`,
 *   < 0);
 * - from the other's need to what it spends: works deferred by its budget (`deferred`), less what
 *   the reference itself defers.
 */
export function decomposition(
  reference: DecomposedRun,
  other: DecomposedRun
): Record<DecompositionPart, number> {
  const withLifeExtension = other.needWithoutStockChanges ?? other.needByWorkType;
  const change = (
    from: Partial<Record<WorkType, number>>,
    to: Partial<Record<WorkType, number>>,
    types: readonly WorkType[]
  ) => types.reduce((sum, wt) => sum + (from[wt] ?? 0) - (to[wt] ?? 0), 0);
  const rest = (taken: readonly WorkType[]) => WORK_TYPES.filter((wt) => !taken.includes(wt));
  return {
    rebuildsMoved: change(reference.needByWorkType, withLifeExtension, REBUILDS),
    lifeExtensionAdded: change(reference.needByWorkType, withLifeExtension, LIFE_EXTENSION),
    otherWorks: change(
      reference.needByWorkType,
      withLifeExtension,
      rest([...REBUILDS, ...LIFE_EXTENSION])
    ),
    stockRemoved: change(
      withLifeExtension,
      other.needByWorkType,
      rest(['new_construction', 'demolition'])
    ),
    newBuildings: change(withLifeExtension, other.needByWorkType, ['new_construction']),
    demolition: change(withLifeExtension, other.needByWorkType, ['demolition']),
    deferred: needTotal(other) - spentTotal(other) - (needTotal(reference) - spentTotal(reference))
  };
}
