/** Road distances on small networks worked by hand. */
import { describe, expect, it } from 'vitest';
import { RoadNetwork } from './road-network';
import { metres } from './access';

// Along the meridian 135° E a kilometre is 1000 / 111,195 of a degree; east–west at 35° N it is
// that ÷ cos 35°, exactly as `metres` counts.
const KM_N = 1000 / 111_195;
const KM_E = KM_N / Math.cos((35 * Math.PI) / 180);
const at = (eastKm: number, northKm: number): [number, number] => [
  135 + eastKm * KM_E,
  35 + northKm * KM_N
];

describe('a U-shaped road', () => {
  // From P0 north 1 km, east 0.5 km, south 1 km to P3: 0.5 km from P0 in a straight line.
  const net = RoadNetwork.fromLines([
    [at(0, 0), at(0, 1)],
    [at(0, 1), at(0.5, 1), at(0.5, 0)]
  ])!;

  it('joins lines at the point they share: four road points', () => {
    expect(net.size).toBe(4);
  });

  it('measures along the road: 2.5 km to the far end, not 0.5 km', () => {
    const d = net.distancesFrom(...at(0, 0), 5_000);
    const far = net.nearest(...at(0.5, 0)).node;
    // North and south 1 km each; the east leg, at 35.009° N, is 0.5 km less 5 cm.
    const east = metres(...at(0, 1), ...at(0.5, 1));
    expect(east).toBeCloseTo(500, 0);
    expect(d[far]).toBeCloseTo(2_000 + east, 6);
  });

  it('joins the road at the nearest point, the straight line counted, and stops at the bound', () => {
    // 100 m west of P0: 100 m to it, then 1,000 m to the corner; the far end (2.6 km) is beyond.
    const d = net.distancesFrom(...at(-0.1, 0), 2_000);
    expect(d[net.nearest(...at(0, 1)).node]).toBeCloseTo(1_100, 6);
    expect(d[net.nearest(...at(0.5, 0)).node]).toBe(Infinity);
    expect(net.nearest(...at(-0.1, 0)).metres).toBeCloseTo(100, 6);
  });
});

describe('finding the nearest road point', () => {
  it('agrees with a search of every point, across the index’s cells', () => {
    const points: [number, number][] = Array.from({ length: 60 }, (_, k) =>
      at((k * 37) % 23, (k * 53) % 19)
    );
    const lines = points.slice(1).map((p, k) => [points[k]!, p]);
    const net = RoadNetwork.fromLines(lines)!;
    for (const place of [at(3.3, 4.1), at(-5, -5), at(30, 2), at(11.7, 18.2)]) {
      const best = Math.min(...points.map((p) => metres(place[0], place[1], p[0], p[1])));
      expect(net.nearest(...place).metres).toBeCloseTo(best, 9);
    }
  });

  it('is null for no roads', () => {
    expect(RoadNetwork.fromLines([])).toBeNull();
  });
});

describe('the network as arrays (handed back by the compute pool)', () => {
  const net = RoadNetwork.fromLines([
    [at(0, 0), at(0, 1)],
    [at(0, 1), at(0.5, 1), at(0.5, 0)]
  ])!;
  it('measures the same once rebuilt from its arrays, through a structured clone', () => {
    const again = RoadNetwork.fromArrays(structuredClone(net.toArrays()));
    expect(again.size).toBe(4);
    expect([...again.distancesFrom(...at(-0.1, 0), 5_000)]).toEqual([
      ...net.distancesFrom(...at(-0.1, 0), 5_000)
    ]);
    expect(again.nearest(...at(0.4, 0.2))).toEqual(net.nearest(...at(0.4, 0.2)));
  });
  it('refuses arrays that do not hang together', () => {
    const a = net.toArrays();
    expect(() => RoadNetwork.fromArrays({ ...a, start: a.start.slice(1) })).toThrow(/lengths/);
    expect(() =>
      RoadNetwork.fromArrays({ ...a, to: a.to.slice(1), length: a.length.slice(1) })
    ).toThrow(/add up/);
  });
});
