import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILDING_CATEGORIES } from './asset-classes';
import type { EngineAsset } from './engine-asset';
import { newBuilding } from './test-factories';
import { simulateBudget } from './simulate-budget';
import { projectRenewals } from './projection';
import { soumu } from './standards/soumu';
import { longevity } from './standards/longevity';

const START = 2026;
const M = 1_000_000;

const building = newBuilding;

describe('simulateBudget: closures', () => {
  it("commits a closed asset's demolition whatever the budget, and excludes its later works", () => {
    // K1 civic_culture 100 ㎡ built 1980: backlog renovation 2,500,000 a year from 2026; closed in
    // 2028 with demolition at 30,000 円/㎡ = 3,000,000 in 2028. Zero budget: only the demolition.
    const result = simulateBudget([building('K1', 'civic_culture', 1980, 100)], soumu, {
      startYear: START,
      years: 5,
      budget: { kind: 'flat', amount: 0 },
      overrides: [{ kind: 'close', assetCodes: ['K1'], year: 2028, demolitionCostPerM2: 30_000 }]
    });
    expect(result.years.map((y) => y.funded)).toEqual([0, 0, 3 * M, 0, 0]);
    expect(result.years[2]!.overCommitted).toBe(3 * M);
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        workType: 'backlog_renovation',
        status: 'excluded',
        reason: 'asset closed'
      }),
      expect.objectContaining({ workType: 'demolition', status: 'funded', fundedYear: 2028 })
    ]);
  });
});

describe('simulateBudget: per-class budgets', () => {
  const bridge: EngineAsset = {
    code: 'BR1',
    assetClass: 'bridge',
    category: 'bridge',
    yearBuilt: 1966,
    quantity: 100,
    structure: 'rc',
    material: null,
    diameterMm: null,
    pipeKind: null,
    facilityCode: null
  };
  // P1 school rebuild due 2026: 11,000,000 a year 2026–2028. BR1 rc bridge, age 60: 42,500,000 in 2026.
  const assets = [building('P1', 'school', 1966, 100), bridge];

  it('funds each class from its own money', () => {
    const result = simulateBudget(assets, soumu, {
      startYear: START,
      years: 3,
      budget: { kind: 'per_class', amounts: { building: 11 * M, bridge: 42.5 * M } }
    });
    expect(result.years.map((y) => y.funded)).toEqual([53.5 * M, 11 * M, 11 * M]);
    expect(result.years.map((y) => y.budget)).toEqual([53.5 * M, 53.5 * M, 53.5 * M]);
  });

  it("never lends one class's money to another", () => {
    // 50 M for buildings only: 39 M is left in 2026, but bridges have no money: BR1 waits.
    const result = simulateBudget(assets, soumu, {
      startYear: START,
      years: 3,
      budget: { kind: 'per_class', amounts: { building: 50 * M } }
    });
    expect(result.years.map((y) => y.funded)).toEqual([11 * M, 11 * M, 11 * M]);
    expect(result.outcomes.find((o) => o.assetCode === 'BR1')).toMatchObject({
      status: 'unfunded',
      reason: 'budget_exhausted'
    });
  });
});

describe('simulateBudget: condition over time', () => {
  // P1 built 1966 (age 60: D), P2 built 1996 (age 30: B); P3 built 2010 but inspected C in 2024.
  const assets = [
    building('P1', 'school', 1966, 100),
    building('P2', 'park', 1996, 100),
    { ...building('P3', 'park', 2010, 100), conditionGrade: 'C', inspectedYear: 2024 }
  ];

  it('keeps ageing what waits and resets what is renewed', () => {
    const zero = simulateBudget(assets, soumu, {
      startYear: START,
      years: 5,
      budget: { kind: 'flat', amount: 0 }
    });
    // P3: C in 2024 = age 40 on the curve → 42 in 2026 → C until it reaches 60 (2044).
    expect(zero.years.map((y) => y.condition)).toEqual(new Array(5).fill({ D: 1, B: 1, C: 1 }));
    const all = simulateBudget(assets, soumu, {
      startYear: START,
      years: 5,
      budget: { kind: 'none' }
    });
    // P1 rebuilt and P2 renovated in 2026 → A; P3 has no work in the horizon → C.
    expect(all.years.map((y) => y.condition)).toEqual(new Array(5).fill({ A: 2, C: 1 }));
  });
});

describe('simulateBudget: a Markov condition model', () => {
  const matrix = [
    [0.9, 0.1, 0, 0],
    [0, 0.8, 0.2, 0],
    [0, 0, 0.7, 0.3],
    [0, 0, 0, 1]
  ];
  // M1 built 2016 (age 10: A), nothing due in 3 years. M2 built 1966: rebuild due 2026.
  const assets = [building('M1', 'school', 2016, 100), building('M2', 'school', 1966, 100)];
  const run = (amount: number) =>
    simulateBudget(assets, soumu, {
      startYear: START,
      years: 3,
      budget: { kind: 'flat', amount },
      conditionModel: { kind: 'markov', matrices: { building: matrix } }
    });

  it('moves waiting assets along the chain and resets renewed ones', () => {
    // Zero budget: M1 A → (0.9 A, 0.1 B) → (0.81 A, 0.17 B, 0.02 C); M2 (D) stays D.
    const zero = run(0).years.map((y) => y.condition);
    expect(zero[0]).toEqual({ A: 1, D: 1 });
    expect(zero[1]!.A).toBeCloseTo(0.9, 12);
    expect(zero[1]!.B).toBeCloseTo(0.1, 12);
    expect(zero[2]!.A).toBeCloseTo(0.81, 12);
    expect(zero[2]!.B).toBeCloseTo(0.17, 12);
    expect(zero[2]!.C).toBeCloseTo(0.02, 12);
    expect(zero[2]!.D).toBe(1);
    // With money M2 is rebuilt in 2026 (A), then ages along the chain like M1.
    const funded = run(11 * M).years.map((y) => y.condition);
    expect(funded[0]).toEqual({ A: 2 });
    expect(funded[1]!.A).toBeCloseTo(1.8, 12);
  });

  it('refuses a matrix whose rows do not sum to 1', () => {
    expect(() =>
      simulateBudget(assets, soumu, {
        startYear: START,
        years: 3,
        budget: { kind: 'none' },
        conditionModel: {
          kind: 'markov',
          matrices: {
            building: [
              [1, 0, 0, 0],
              [0, 0.5, 0, 0],
              [0, 0, 1, 0],
              [0, 0, 0, 1]
            ]
          }
        }
      })
    ).toThrow('condition model: building: row B does not sum to 1');
  });
});

describe('simulateBudget: forced works', () => {
  it('funds a forced work whatever the budget, and brings a rebuild forward with its next life', () => {
    // Q1 school built 1970: rebuild due 2030 (33,000,000 over 3 years), renovation of its next
    // life due 2060. Forced into 2027 under a zero budget: 11,000,000 in 2027–2029; the next
    // life starts 2027, so its renovation moves to 2057 (inside a 40-year horizon).
    const result = simulateBudget([building('Q1', 'school', 1970, 100)], soumu, {
      startYear: START,
      years: 40,
      budget: { kind: 'flat', amount: 0 },
      forced: [{ assetCode: 'Q1', year: 2027 }]
    });
    expect(result.years.slice(0, 5).map((y) => y.funded)).toEqual([0, 11 * M, 11 * M, 11 * M, 0]);
    expect(result.years[1]!.overCommitted).toBe(11 * M);
    expect(result.outcomes.map((o) => [o.workType, o.dueYear, o.fundedYear, o.status])).toEqual([
      ['rebuild', 2030, 2027, 'funded'],
      ['renovation', 2060, null, 'unfunded']
    ]);
    // The renovation was moved to 2057 (first needed then, not in 2056) and waited for money.
    expect(result.years[30]!.needed).toBe(0);
    expect(result.years[31]!.needed).toBe(8.5 * M);
    expect(result.outcomes[1]!.reason).toBe('budget_exhausted');
  });

  it('names an unknown asset or a year outside the horizon', () => {
    const run = (forced: { assetCode: string; year: number }[]) =>
      simulateBudget([building('Q1', 'school', 1970, 100)], soumu, {
        startYear: START,
        years: 5,
        budget: { kind: 'none' },
        forced
      });
    expect(() => run([{ assetCode: 'NOPE', year: 2027 }])).toThrow(
      'forced work: no asset with the code "NOPE"'
    );
    expect(() => run([{ assetCode: 'Q1', year: 2040 }])).toThrow(
      'forced work for Q1: 2040 is outside the horizon'
    );
  });
});

describe('simulateBudget: a hand-derived case', () => {
  // P1 school 100 ㎡ built 1966: rebuild due 2026, 33,000,000 over 3 years; importance 5.
  // P2 park 100 ㎡ built 1996: renovation due 2026, 17,000,000 over 2 years; importance 1.
  // Flat budget 15,000,000. Scores: P1 = 1 (importance) + 0.5 (condition unknown) = 1.5; P2 = 0.5.
  const result = simulateBudget(
    [building('P1', 'school', 1966, 100, 5), building('P2', 'park', 1996, 100, 1)],
    soumu,
    {
      startYear: START,
      years: 5,
      budget: { kind: 'flat', amount: 15 * M }
    }
  );

  it('funds the higher-ranked rebuild and defers the renovation until the rebuild is paid', () => {
    // 2026: P1 fits (11 M now and in 2027, 2028); P2's 8.5 M does not fit the 4 M left.
    // 2027, 2028: 11 M committed to P1, 4 M left: P2 waits. 2029: P2 starts: 8.5 M in 2029 and 2030.
    expect(result.years.map((y) => y.funded)).toEqual([11 * M, 11 * M, 11 * M, 8.5 * M, 8.5 * M]);
    expect(result.years.map((y) => y.needed)).toEqual([
      19.5 * M,
      19.5 * M,
      19.5 * M,
      8.5 * M,
      8.5 * M
    ]);
    expect(result.years.map((y) => y.backlogYen)).toEqual([17 * M, 17 * M, 17 * M, 0, 0]);
    expect(result.years.map((y) => y.backlogCount)).toEqual([1, 1, 1, 0, 0]);
  });

  it('says what happened to each work and why', () => {
    expect(result.outcomes).toEqual([
      {
        assetCode: 'P1',
        workType: 'rebuild',
        dueYear: 2026,
        fundedYear: 2026,
        cost: 33 * M,
        status: 'funded',
        reason: null,
        yearsDeferred: 0
      },
      {
        assetCode: 'P2',
        workType: 'renovation',
        dueYear: 2026,
        fundedYear: 2029,
        cost: 17 * M,
        status: 'funded',
        reason: 'budget_exhausted',
        yearsDeferred: 3
      }
    ]);
  });

  it('moves the next life of a deferred rebuild and drops a renovation the rebuild supersedes', () => {
    // Q1 school 100 ㎡ built 1967: rebuild due 2027. Q2 built 1995 (age 31): backlog renovation from 2026 over 10 years.
    // Zero budget: nothing is funded; the renovation of Q3 (built 1966, rebuild due 2026) never appears
    // because its only work is the rebuild; all rebuilds wait, so the assets are past their life.
    const zero = simulateBudget(
      [building('Q1', 'school', 1967, 100), building('Q3', 'school', 1966, 100)],
      soumu,
      {
        startYear: START,
        years: 40,
        budget: { kind: 'flat', amount: 0 }
      }
    );
    expect(zero.years.every((y) => y.funded === 0)).toBe(true);
    expect(zero.years.at(-1)!.pastLifeCount).toBe(2);
    // Their next lives never start: no renovation at 2056/2057 appears as a candidate.
    expect(
      zero.outcomes.filter((o) => o.workType === 'renovation').every((o) => o.status === 'unfunded')
    ).toBe(true);

    // With money from 2030 only, Q1's rebuild starts in 2030 (3 years late): its renovation moves from 2057 to 2060.
    const late = simulateBudget([building('Q1', 'school', 1967, 100)], soumu, {
      startYear: START,
      years: 40,
      budget: { kind: 'schedule', amounts: [0, 0, 0, 0, ...new Array(36).fill(100 * M)] }
    });
    expect(late.outcomes.map((o) => [o.workType, o.fundedYear])).toEqual([
      ['rebuild', 2030],
      ['renovation', 2060]
    ]);

    // A renovation still waiting when the rebuild falls due is dropped (superseded).
    const superseded = simulateBudget([building('R1', 'school', 1976, 100)], soumu, {
      startYear: START,
      years: 40,
      budget: {
        kind: 'schedule',
        amounts: [...new Array(10).fill(0), ...new Array(30).fill(100 * M)]
      }
    });
    expect(superseded.outcomes[0]).toMatchObject({
      workType: 'backlog_renovation',
      status: 'dropped',
      reason: 'superseded by rebuild'
    });
    expect(superseded.outcomes[1]).toMatchObject({
      workType: 'rebuild',
      fundedYear: 2036,
      status: 'funded'
    });
  });
});

const asset = fc.record({
  code: fc.constant(''),
  assetClass: fc.constantFrom(
    'building' as const,
    'road' as const,
    'bridge' as const,
    'water_pipe' as const,
    'sewer_pipe' as const
  ),
  category: fc.constantFrom(...BUILDING_CATEGORIES),
  yearBuilt: fc.option(fc.integer({ min: 1930, max: 2025 }), { nil: null, freq: 10 }),
  quantity: fc.double({ min: 0, max: 3_000, noNaN: true }),
  structure: fc.constantFrom('rc', 'wood', 'pc', null),
  material: fc.constantFrom('pvc', 'concrete'),
  diameterMm: fc.constantFrom(100, 300),
  pipeKind: fc.constantFrom('distribution', 'conveyance'),
  facilityCode: fc.constant(null),
  importance: fc.integer({ min: 1, max: 5 }),
  soundness: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
  hazard: fc.boolean()
});
const portfolio = fc
  .array(asset, { maxLength: 25 })
  .map((list) => list.map((a, i) => ({ ...a, code: `A${i}` }) as EngineAsset));
const close = (a: number, b: number) =>
  Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

describe('simulateBudget (properties)', () => {
  it('reproduces Engine I exactly without a budget cap', () => {
    fc.assert(
      fc.property(
        portfolio,
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(soumu, longevity),
        (assets, years, standard) => {
          const engine = projectRenewals(assets, standard, { startYear: START, years });
          const loop = simulateBudget(assets, standard, {
            startYear: START,
            years,
            budget: { kind: 'none' }
          });
          return (
            engine.cells.every((c, i) => close(c, loop.funded.cells[i]!)) &&
            loop.years.every((y) => y.backlogCount === 0)
          );
        }
      )
    );
  });

  it('never spends more than the budget (plus carry-over) in a year', () => {
    fc.assert(
      fc.property(
        portfolio,
        fc.integer({ min: 0, max: 50 * M }),
        fc.boolean(),
        (assets, amount, carryOver) => {
          const loop = simulateBudget(assets, soumu, {
            startYear: START,
            years: 30,
            budget: { kind: 'flat', amount },
            carryOver
          });
          let available = 0;
          return loop.years.every((y) => {
            available = (carryOver ? available : 0) + y.budget;
            const ok = y.funded <= available * (1 + 1e-9) + 1e-6;
            available -= y.funded;
            return ok;
          });
        }
      )
    );
  });

  it('funds nothing under a zero budget when nothing is committed', () => {
    fc.assert(
      fc.property(portfolio, (assets) => {
        const loop = simulateBudget(assets, soumu, {
          startYear: START,
          years: 20,
          budget: { kind: 'flat', amount: 0 }
        });
        return (
          loop.years.every((y) => y.funded === 0) &&
          loop.outcomes.every((o) => o.status !== 'funded')
        );
      })
    );
  });

  it('funds as much as the unconstrained need or the budget allows in total, whichever is less', () => {
    fc.assert(
      fc.property(portfolio, fc.integer({ min: 0, max: 20 * M }), (assets, amount) => {
        const loop = simulateBudget(assets, soumu, {
          startYear: START,
          years: 20,
          budget: { kind: 'flat', amount }
        });
        const funded = loop.years.reduce((s, y) => s + y.funded, 0);
        return funded <= amount * 20 * (1 + 1e-9) + 1e-6;
      })
    );
  });

  it('leaves no larger backlog at the end with a larger budget (on fixed random portfolios)', () => {
    // Greedy funding with skips is not provably monotone, so this is checked on a fixed sample
    // (seeded, deterministic) rather than claimed for every portfolio.
    fc.assert(
      fc.property(
        portfolio,
        fc.integer({ min: 0, max: 50 * M }),
        fc.integer({ min: 0, max: 50 * M }),
        (assets, a, b) => {
          const run = (amount: number) =>
            simulateBudget(assets, soumu, {
              startYear: START,
              years: 30,
              budget: { kind: 'flat', amount }
            }).years.at(-1)!.backlogYen;
          return run(Math.max(a, b)) <= run(Math.min(a, b)) * (1 + 1e-9) + 1e-6;
        }
      ),
      { seed: 20261127, numRuns: 300 }
    );
  });
});
