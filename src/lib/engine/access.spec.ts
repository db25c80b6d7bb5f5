/** Access to a service on a strip of small areas worked by hand, and the search against brute force. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { accessSeries, metres, type AccessArea, type ServicePoint } from './access';

// Along one meridian a kilometre is 1000 / 111,195 of a degree, exactly as `metres` counts it.
const KM = 1000 / 111_195;
const at = (km: number) => ({ lon: 135, lat: 35 + km * KM });

describe('a strip of five areas a kilometre apart', () => {
  // Areas at 0–4 km with 10, 20, 30, 40, 50 people in 2025 and half that in 2035.
  const areas: AccessArea[] = [0, 1, 2, 3, 4].map((k) => ({
    ...at(k),
    people: [10 * (k + 1), 5 * (k + 1)]
  }));
  // At 0 km always; at 4 km closed in 2030; at 2 km new in 2030. Reach: 1.5 km.
  const points: ServicePoint[] = [
    { ...at(0), from: -Infinity, until: Infinity },
    { ...at(4), from: -Infinity, until: 2030 },
    { ...at(2), from: 2030, until: Infinity }
  ];
  const [now, later] = accessSeries(areas, points, 1_500, [2025, 2035]);

  it('today: the area at 2 km is 2 km from both facilities, and so beyond reach', () => {
    expect(now).toEqual({
      year: 2025,
      facilities: 2,
      people: 150,
      per10k: (2 / 150) * 10_000,
      beyond: 30,
      worsened: 0,
      improved: 0
    });
  });

  it('after the closure and the new building: the area at 4 km lost its facility, the one at 2 km gained one', () => {
    expect(later).toEqual({
      year: 2035,
      facilities: 2,
      people: 75,
      per10k: (2 / 75) * 10_000,
      beyond: 25,
      worsened: 25,
      improved: 15
    });
  });

  it('counts nobody beyond reach where no facility was ever open, and none worsened', () => {
    const [a, b] = accessSeries(areas, [], 1_500, [2025, 2035]);
    expect([a!.beyond, b!.beyond, b!.worsened, a!.per10k]).toEqual([150, 75, 0, 0]);
  });
});

describe('the latitude band finds what a comparison of every pair finds', () => {
  const point = fc.record({
    lon: fc.double({ min: 135, max: 135.2, noNaN: true }),
    lat: fc.double({ min: 35, max: 35.2, noNaN: true })
  });
  it('for any areas, facilities and reach', () => {
    fc.assert(
      fc.property(
        fc.array(point, { maxLength: 30 }),
        fc.array(fc.record({ p: point, closes: fc.boolean() }), { maxLength: 15 }),
        fc.integer({ min: 100, max: 8_000 }),
        (as, ps, limit) => {
          const areas = as.map((a, k) => ({ ...a, people: [k + 1, k + 2] }));
          const points = ps.map(({ p, closes }) => ({
            ...p,
            from: -Infinity,
            until: closes ? 2030 : Infinity
          }));
          const got = accessSeries(areas, points, limit, [2025, 2035]);
          const brute = [2025, 2035].map((year, k) =>
            areas.reduce(
              (s, a) =>
                points.some(
                  (p) =>
                    p.from <= year && year < p.until && metres(a.lon, a.lat, p.lon, p.lat) <= limit
                )
                  ? s
                  : s + a.people[k]!,
              0
            )
          );
          expect(got.map((g) => g.beyond)).toEqual(brute);
          // Nobody is worse off in the start year; worse off never exceeds beyond reach.
          expect(got[0]!.worsened).toBe(0);
          expect(got[1]!.worsened).toBeLessThanOrEqual(got[1]!.beyond);
        }
      )
    );
  });
});
