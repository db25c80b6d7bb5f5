import { describe, expect, it } from 'vitest';
import { projectRenewals } from './projection';
import { soumu } from './standards/soumu';
import { drawLifeScales, quantile, sampleSteps, simulateSamples } from './stochastic';
import { checkShapes, scaleForMedian, survival, weibullLife } from './survival';
import { newAsset, newBuilding } from './test-factories';

const M = 1_000_000;

describe('Weibull survival', () => {
  it('puts half of the lives below the median, and inverts exactly', () => {
    for (const shape of [1, 2.5, 4, 6]) {
      const scale = scaleForMedian(40, shape);
      expect(survival(40, shape, scale)).toBeCloseTo(0.5, 12);
      expect(weibullLife(0.5, shape, scale)).toBeCloseTo(40, 9);
      expect(weibullLife(survival(55, shape, scale), shape, scale)).toBeCloseTo(55, 9);
    }
    expect(survival(0, 4, 10)).toBe(1);
  });

  it('draws life factors whose distribution follows S(x) (4,000 draws, seed 11)', () => {
    const shape = 4;
    const n = 4000;
    const factors = new Float64Array(n);
    // One asset per sample: each sample's first draw, as simulateSamples makes them.
    const one = new Float64Array(1);
    for (let k = 0; k < n; k++) factors[k] = drawLifeScales(Float64Array.of(shape), 11, k, one)[0]!;
    const scale = scaleForMedian(1, shape);
    for (const x of [0.6, 0.8, 1, 1.2, 1.5]) {
      const share = factors.filter((f) => f <= x).length / n;
      // 1 − S(x), within 4 standard errors of a share from 4,000 draws.
      expect(Math.abs(share - (1 - survival(x, shape, scale)))).toBeLessThan(0.032);
    }
  });

  it('names bad shapes', () => {
    expect(checkShapes({ water_pipe: 4, building: 0 })).toEqual([]);
    expect(checkShapes({ road: 3, sewer_pipe: -1, bridge: Number.NaN })).toEqual([
      'road: renewed by a yearly share, it has no life to draw',
      'sewer_pipe: the shape must be a number ≥ 0 (-1)',
      'bridge: the shape must be a number ≥ 0 (NaN)'
    ]);
  });
});

describe('quantile', () => {
  it('interpolates between order statistics (type 7)', () => {
    const sorted = [1, 2, 3, 4];
    expect(quantile(sorted, 0.1)).toBeCloseTo(1.3, 12);
    expect(quantile(sorted, 0.5)).toBe(2.5);
    expect(quantile(sorted, 0.9)).toBeCloseTo(3.7, 12);
    expect(quantile([7], 0.9)).toBe(7);
  });
});

describe('simulateSamples', () => {
  // School P1, 100 ㎡, built 1966: age 60 in 2026, backlog rebuild 33,000,000 over 2026–2028.
  const school = [newBuilding('P1', 'school', 1966, 100)];
  const fixed = { startYear: 2026, years: 10, samples: 3, seed: 1, shapes: {} };

  it('with fixed lives, every band is Engine I’s cost and the money queue by hand', () => {
    // Flat 5,000,000: owed 11, 17, 23, 18, 13, 8, 3 → funded 5 each year until 2031, 3 in 2032.
    const r = simulateSamples(school, soumu, { ...fixed, budget: { kind: 'flat', amount: 5 * M } });
    const engineI = projectRenewals(school, soumu, { startYear: 2026, years: 10 }).totalsByYear;
    expect(r.years.map((y) => y.cost.p10)).toEqual(engineI);
    expect(r.years.map((y) => y.cost.p90)).toEqual(engineI);
    expect(r.years.map((y) => y.funded.p50 / M)).toEqual([5, 5, 5, 5, 5, 5, 3, 0, 0, 0]);
    expect(r.years.map((y) => y.backlog.p50 / M)).toEqual([6, 12, 18, 13, 8, 3, 0, 0, 0, 0]);
    expect(r.totals.peakBacklog.p90).toBe(18 * M);
    expect(r.totals.backlogEnd.p10).toBe(0);
  });

  it('carries unspent money over, and escalates what waits', () => {
    // Schedule 20, 0, 0, …: 2026 spends 11 and carries 9; 2027 owes 11, spends the 9 → 2 waits;
    // 2028 owes 2 + 11 = 13 with no money. Without carry-over 2027 leaves 11 and 2028 22.
    const schedule = { kind: 'schedule' as const, amounts: [20 * M] };
    const carried = simulateSamples(school, soumu, { ...fixed, budget: schedule, carryOver: true });
    expect(carried.years.slice(0, 3).map((y) => y.backlog.p50 / M)).toEqual([0, 2, 13]);
    const lost = simulateSamples(school, soumu, { ...fixed, budget: schedule });
    expect(lost.years.slice(0, 3).map((y) => y.backlog.p50 / M)).toEqual([0, 11, 22]);
    // Escalation 10 %, flat 5: 2027 owes 6 × 1.1 + 11 = 17.6 → 12.6 waits.
    const escalated = simulateSamples(school, soumu, {
      ...fixed,
      budget: { kind: 'flat', amount: 5 * M },
      escalation: 0.1
    });
    expect(escalated.years[1]!.backlog.p50 / M).toBeCloseTo(12.6, 9);
  });

  // A network of pipes and bridges of mixed ages: their replacement years spread under Weibull.
  const network = Array.from({ length: 60 }, (_, i) =>
    newAsset({
      code: `W${i}`,
      assetClass: i % 3 === 0 ? 'bridge' : 'water_pipe',
      category: i % 3 === 0 ? 'bridge' : 'water_pipe',
      structure: i % 3 === 0 ? 'rc' : null,
      pipeKind: 'distribution',
      diameterMm: 150,
      yearBuilt: 1970 + (i % 40),
      quantity: 100 + i
    })
  );
  const stochastic = {
    startYear: 2026,
    years: 40,
    samples: 200,
    seed: 5,
    budget: { kind: 'flat' as const, amount: 20 * M }
  };

  it('is the same for the same seed and differs for another', () => {
    const a = simulateSamples(network, soumu, stochastic);
    expect(simulateSamples(network, soumu, stochastic)).toEqual(a);
    expect(simulateSamples(network, soumu, { ...stochastic, seed: 6 })).not.toEqual(a);
  });

  it('runs one sample at a time, counting them, to the same bands', () => {
    const small = { ...stochastic, samples: 7 };
    const steps = sampleSteps(network, soumu, small);
    const counts: number[] = [];
    let step = steps.next();
    for (; !step.done; step = steps.next()) counts.push(step.value);
    expect(counts).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(step.value).toEqual(simulateSamples(network, soumu, small));
  });

  it('spreads the bands around the method, in order, with funded money within the budget', () => {
    const r = simulateSamples(network, soumu, stochastic);
    for (const y of r.years) {
      for (const b of [y.cost, y.funded, y.backlog]) {
        expect(b.p10).toBeLessThanOrEqual(b.p50);
        expect(b.p50).toBeLessThanOrEqual(b.p90);
      }
      expect(y.funded.p90).toBeLessThanOrEqual(20 * M * (1 + 1e-12));
    }
    // Lives drawn: some year's cost differs between the 10th and 90th percentile.
    expect(r.years.some((y) => y.cost.p90 > y.cost.p10)).toBe(true);
    // The median total stays near the method's total (the standard's age is the median life).
    const method = projectRenewals(network, soumu, { startYear: 2026, years: 40 }).totalsByYear;
    const total = method.reduce((a, b) => a + b, 0);
    expect(r.totals.cost.p50 / total).toBeGreaterThan(0.8);
    expect(r.totals.cost.p50 / total).toBeLessThan(1.2);
  });

  it('refuses bad samples, seeds and shapes', () => {
    const base = { ...stochastic, samples: 0 };
    expect(() => simulateSamples(network, soumu, base)).toThrow(/samples must be a whole number/);
    expect(() => simulateSamples(network, soumu, { ...stochastic, seed: 1.5 })).toThrow(/seed/);
    expect(() => simulateSamples(network, soumu, { ...stochastic, shapes: { road: 2 } })).toThrow(
      /road: renewed by a yearly share/
    );
  });
});
