import { describe, expect, it } from 'vitest';
import { areaSquareMetres, lengthMetres, segmentMetres } from './measure';

describe('lengths and areas on GRS80', () => {
  // Reference: PROJ's geod (Karney's geodesics): `geod +ellps=GRS80 -I +units=m`.
  it.each([
    [[138.25, 34.85], [138.25, 34.86], 1109.379],
    [[138.25, 34.85], [138.26, 34.85], 914.544],
    [[141.35, 43.06], [141.36, 43.07], 1377.563],
    [[127.68, 26.21], [127.7, 26.2], 2285.374]
  ])('%j → %j agrees with PROJ geod to 1 mm', (p, q, metres) => {
    expect(Math.abs(segmentMetres(p, q) - metres)).toBeLessThan(0.001);
  });

  it('sums lines and multi-lines, and measures rectangles (holes taken out)', () => {
    expect(
      lengthMetres({
        type: 'MultiLineString',
        coordinates: [
          [
            [138.25, 34.85],
            [138.25, 34.86]
          ],
          [
            [138.25, 34.85],
            [138.26, 34.85]
          ]
        ]
      })
    ).toBeCloseTo(1109.379 + 914.544, 2);
    // A 0.01° × 0.01° cell at 34.85–34.86°N: ≈ 1109.4 m × 914.5 m.
    const cell = [
      [138.25, 34.85],
      [138.26, 34.85],
      [138.26, 34.86],
      [138.25, 34.86],
      [138.25, 34.85]
    ];
    const area = areaSquareMetres({ type: 'Polygon', coordinates: [cell] });
    expect(Math.abs(area / (1109.379 * 914.544 * (1 - 0.0)) - 1)).toBeLessThan(0.0005);
    const hole = [
      [138.252, 34.852],
      [138.254, 34.852],
      [138.254, 34.854],
      [138.252, 34.854],
      [138.252, 34.852]
    ];
    const withHole = areaSquareMetres({ type: 'Polygon', coordinates: [cell, hole] });
    expect(withHole).toBeLessThan(area);
    expect(area - withHole).toBeCloseTo(
      areaSquareMetres({ type: 'Polygon', coordinates: [hole] }),
      6
    );
    expect(lengthMetres({ type: 'Point', coordinates: [138, 35] })).toBe(0);
  });
});
