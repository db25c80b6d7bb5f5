import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateBudget,
  BudgetLedger,
  fundYear,
  rankOrder,
  type Candidate
} from './allocate-budget';
import { MinTree } from './min-tree';

const work = (id: string, slices: number[], score = 0, tier = 1, dueYear = 2026): Candidate => ({
  id,
  slices,
  score,
  tier,
  dueYear
});

interface Case {
  name: string;
  budgets: number[];
  carryOver?: boolean;
  /** Money already reserved in year 0 by works started earlier. */
  reserved?: number;
  candidates: Candidate[];
  forced?: Candidate[];
  funded: string[];
  deferred: [string, 'budget_exhausted' | 'later_years_full'][];
  spent: number;
  left: number;
  overCommitted?: number;
  /** Committed money waiting in year 1 afterwards. */
  nextCommitted?: number;
}

const cases: Case[] = [
  {
    name: 'funds by score and skips a work that does not fit for a cheaper one below it',
    budgets: [100],
    candidates: [work('b', [50], 1), work('a', [60], 2), work('c', [40], 0.5)],
    funded: ['a', 'c'],
    deferred: [['b', 'budget_exhausted']],
    spent: 100,
    left: 0
  },
  {
    name: 'ranks a lower tier before any score',
    budgets: [100],
    candidates: [work('urgent', [60], 1, 0), work('valuable', [50], 9, 1)],
    funded: ['urgent'],
    deferred: [['valuable', 'budget_exhausted']],
    spent: 60,
    left: 40
  },
  {
    name: 'breaks ties by the older due year, then by id',
    budgets: [50],
    candidates: [
      work('z', [25], 1, 1, 2026),
      work('y', [25], 1, 1, 2020),
      work('x', [25], 1, 1, 2026)
    ],
    funded: ['y', 'x'],
    deferred: [['z', 'budget_exhausted']],
    spent: 50,
    left: 0
  },
  {
    name: 'starts a multi-year work only if its later slices fit the later budgets',
    budgets: [100, 100],
    candidates: [work('a', [30, 80], 3), work('b', [40, 40], 2), work('c', [20], 1)],
    funded: ['a', 'c'],
    deferred: [['b', 'later_years_full']],
    spent: 50,
    left: 50,
    nextCommitted: 80
  },
  {
    name: 'funds slices of works started earlier first',
    budgets: [100],
    reserved: 70,
    candidates: [work('big', [40], 2), work('small', [30], 1)],
    funded: ['small'],
    deferred: [['big', 'budget_exhausted']],
    spent: 100,
    left: 0
  },
  {
    name: 'reports committed money beyond the budget and funds nothing else',
    budgets: [100],
    reserved: 120,
    candidates: [work('a', [1], 5)],
    funded: [],
    deferred: [['a', 'budget_exhausted']],
    spent: 120,
    left: 0,
    overCommitted: 20
  },
  {
    name: 'funds forced works whatever they cost, before the ranking',
    budgets: [50, 50],
    candidates: [work('a', [10], 9)],
    forced: [work('forced', [90, 30])],
    funded: ['forced'],
    deferred: [['a', 'budget_exhausted']],
    spent: 90,
    left: 0,
    overCommitted: 40,
    nextCommitted: 30
  },
  {
    name: 'funds everything without a budget cap',
    budgets: [Infinity, Infinity],
    candidates: [work('a', [1e12, 1e12]), work('b', [5])],
    funded: ['a', 'b'],
    deferred: [],
    spent: 1e12 + 5,
    left: Infinity,
    nextCommitted: 1e12
  },
  {
    name: 'funds nothing but forced works under a zero budget',
    budgets: [0],
    candidates: [work('a', [1])],
    forced: [work('f', [7])],
    funded: ['f'],
    deferred: [['a', 'budget_exhausted']],
    spent: 7,
    left: 0,
    overCommitted: 7
  },
  {
    name: 'tolerates rounding noise in slices that exactly use the budget',
    budgets: [100],
    candidates: [work('a', [100 / 3 + 100 / 3 + 100 / 3 + 1e-9])],
    funded: ['a'],
    deferred: [],
    spent: 100 + 1e-9,
    left: 0
  }
];

describe('allocateBudget (funding step)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const ledger = new BudgetLedger(c.budgets, c.carryOver);
      if (c.reserved) ledger.reserve(0, c.reserved);
      const result = allocateBudget(ledger, 0, c.candidates, c.forced);
      expect(result.funded).toEqual(c.funded);
      expect(result.deferred).toEqual(c.deferred.map(([id, reason]) => ({ id, reason })));
      expect(result.spent).toBeCloseTo(c.spent, 6);
      expect(result.left).toBeCloseTo(c.left, 6);
      expect(result.overCommitted).toBeCloseTo(c.overCommitted ?? 0, 6);
      if (c.nextCommitted !== undefined) expect(ledger.committed(1)).toBe(c.nextCommitted);
    });
  }

  it('carries unspent money into the next year when asked, and only then', () => {
    for (const carryOver of [true, false]) {
      const ledger = new BudgetLedger([100, 100], carryOver);
      const first = allocateBudget(ledger, 0, [work('a', [60])]);
      expect(first.left).toBe(40);
      const second = allocateBudget(ledger, 1, [work('b', [130])]);
      expect(second.funded).toEqual(carryOver ? ['b'] : []);
      expect(ledger.budget(1)).toBe(carryOver ? 140 : 100);
    }
  });

  it('never lets the funded money of a year exceed its budget plus carry-over, committed aside', () => {
    const ledger = new BudgetLedger([100, 100, 100], true);
    const candidates = Array.from({ length: 30 }, (_, i) =>
      work(`w${i}`, [(i * 7) % 23, (i * 5) % 17], i % 4, i % 2)
    );
    for (let y = 0; y < 3; y++) {
      const budget = ledger.budget(y);
      const committedBefore = ledger.committed(y);
      const result = allocateBudget(
        ledger,
        y,
        candidates.map((c) => ({ ...c, id: `${c.id}-${y}` }))
      );
      expect(result.spent).toBeLessThanOrEqual(Math.max(budget, committedBefore) + 1e-6);
    }
  });
});

describe('rankOrder', () => {
  it('is a stable sort of the members by key, for any key width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 2 ** 32 - 1 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 32 }),
        (raw, bits) => {
          const keys = Uint32Array.from(raw, (k) => (bits === 32 ? k : k % 2 ** bits));
          // Members in a shuffled but fixed order (7919 is prime: i ↦ 7919 i mod n permutes
          // 0 … n − 1 for n < 7919); stability keeps that order for equal keys.
          const list = Int32Array.from(keys, (_, i) => (i * 7919) % keys.length);
          const expected = [...list].sort((a, b) => keys[a]! - keys[b]!); // Array sort is stable
          expect([...rankOrder(keys, list, list.length, bits)]).toEqual(expected);
        }
      )
    );
  });
});

describe('fundYear (flows merged with the ranked works)', () => {
  it('takes a flow before a work of equal key, skips what does not fit and reports later-full works', () => {
    // Works by id: 0 key 1 cost 5; 1 key 2 cost 4 over two years (4 + 4); 2 key 3 cost 2.
    // Flow 10 key 1 cost 3; flow 11 key 4 cost 1. Budget 7 this year, 3 next year.
    const works = [
      { key: 1, slices: [5] },
      { key: 2, slices: [4, 4] },
      { key: 3, slices: [2] }
    ];
    const tree = new MinTree(works.length);
    works.forEach((w, position) => tree.set(position, w.slices[0]!));
    const keys: Record<number, number> = { 0: 1, 1: 2, 2: 3, 10: 1, 11: 4 };
    const costs: Record<number, number> = { 10: 3, 11: 1 };
    const ledger = new BudgetLedger([7, 3]);
    const funded: string[] = [];
    const later: number[] = [];
    fundYear(
      ledger,
      0,
      {
        tree,
        at: (position) => position,
        factor: 1,
        first: (id) => works[id]!.slices[0]!,
        sliceCount: (id) => works[id]!.slices.length,
        slice: (id, k) => works[id]!.slices[k]!,
        flows: Int32Array.of(10, 11),
        flowCount: 2,
        flowCost: (id) => costs[id]!,
        key: (id) => keys[id]!
      },
      (id, isFlow) => funded.push(`${isFlow ? 'flow' : 'work'} ${id}`),
      (id) => later.push(id)
    );
    // Flow 10 (3, tie with work 0: flow first) → 4 left; work 0 (5) does not fit; work 1's first
    // slice 4 fits but its second (4) not next year's 3 → later full; work 2 (2) → 2 left;
    // flow 11 (1) → 1 left.
    expect(funded).toEqual(['flow 10', 'work 2', 'flow 11']);
    expect(later).toEqual([1]);
    expect(ledger.committed(0)).toBe(6);
    expect(ledger.committed(1)).toBe(0);
  });
});
