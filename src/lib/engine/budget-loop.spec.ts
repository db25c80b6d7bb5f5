import { describe, expect, it } from 'vitest';
import { newBuilding } from './test-factories';
import { inflationFactors, projectRenewals } from './projection';
import { soumu } from './standards/soumu';
import {
  admitDue,
  closeAssets,
  endOfYear,
  forceWorks,
  fundLedgers,
  listOutcomes,
  owingFlows,
  reserveCommitted,
  startLoop
} from './budget-loop';
import type { BudgetOptions } from './budget-types';
import type { EngineAsset } from './engine-asset';

const START = 2026;
const M = 1_000_000;

/** The loop's state on a few assets, before its first year. */
function state(assets: EngineAsset[], options: Partial<BudgetOptions> = {}, close?: number[]) {
  const all: BudgetOptions = {
    startYear: START,
    years: 5,
    budget: { kind: 'flat', amount: 0 },
    ...options
  };
  const base = projectRenewals(assets, soumu, { ...all, collectWorks: true });
  const closeYear = Float64Array.from(assets, (_, i) => close?.[i] ?? Infinity);
  return startLoop(
    base.assets,
    { ...base, workColumns: base.workColumns! },
    all,
    closeYear,
    inflationFactors(all.years, 0)
  );
}

describe('the budget loop, step by step', () => {
  it('admits the works due, and a rebuild falling due drops the renovation still waiting', () => {
    // Built 1980: its backlog renovation waits from 2026 (no money); its rebuild falls due in
    // 2040 (60 years) and replaces it.
    const s = state([newBuilding('B', 'civic_culture', 1980, 100)], { years: 20 });
    for (let t = 0; t < 14; t++) expect(admitDue(s, t)).toEqual([]);
    expect([s.waitingCount, s.waitingRestarts]).toEqual([1, 0]);
    admitDue(s, 14);
    expect([s.waitingCount, s.waitingRestarts]).toEqual([1, 1]); // the rebuild, past its life
    const outcomes = listOutcomes(s, new Float64Array(s.slots.n));
    expect(outcomes.map((o) => [o.workType, o.status, o.reason])).toEqual([
      ['backlog_renovation', 'dropped', 'superseded by rebuild'],
      ['rebuild', 'unfunded', 'budget_exhausted']
    ]);
  });

  it("closes an asset's waiting works in its closing year, and commits its demolition", () => {
    const s = state([newBuilding('K1', 'civic_culture', 1980, 100)], {}, [2027]);
    admitDue(s, 0);
    expect(s.waitingCount).toBe(1); // the backlog renovation
    closeAssets(s, 1);
    expect(s.waitingCount).toBe(0);
    const outcomes = listOutcomes(s, new Float64Array(s.slots.n));
    expect(outcomes[0]).toMatchObject({ status: 'excluded', reason: 'asset closed' });
  });

  it('funds nothing from a zero budget but what is committed; the rest waits', () => {
    const s = state([newBuilding('A', 'civic_culture', 1980, 100)], {
      forced: [{ assetCode: 'A', year: 2027 }]
    });
    const first = admitDue(s, 0);
    forceWorks(s, 0, first);
    const needed = reserveCommitted(s, 0, first) + owingFlows(s, 0);
    // The backlog renovation: 100 ㎡ × 250,000 円 spread over 10 years → 2.5 M this year.
    expect(needed).toBeCloseTo(2.5 * M, 6);
    expect(fundLedgers(s, 0, first)).toBe(0);
    expect(endOfYear(s, 0, { needed, spent: 0, overCommitted: 0 })).toMatchObject({
      fiscalYear: 2026,
      backlogCount: 1,
      backlogYen: 25 * M
    });
    // 2027: the forced work starts whatever the budget.
    const second = admitDue(s, 1);
    forceWorks(s, 1, second);
    expect(second).toHaveLength(1);
    reserveCommitted(s, 1, second);
    expect(fundLedgers(s, 1, second)).toBeCloseTo(2.5 * M, 6);
    expect(s.waitingCount).toBe(0);
  });
});
