import { describe, expect, it } from 'vitest';
import { worksGrid } from './works-grid';

describe('worksGrid', () => {
  // Four corners of a 0.4° × 0.2° box centred on the equator (cos = 1): 4 columns of 0.1° → 2 rows.
  const positions = [
    { lon: 0, lat: -0.1 },
    { lon: 0.4, lat: -0.1 },
    { lon: 0, lat: 0.1 },
    { lon: 0.4, lat: 0.1 }
  ];

  it('cuts the city into square cells and marks those holding assets', () => {
    const g = worksGrid(positions, [], 2026, 40, 4);
    expect(g.bbox).toEqual([0, -0.1, 0.4, 0.1]);
    expect([g.cols, g.rows]).toEqual([4, 2]);
    // North-west is cell 0; the east and south edges fall in the last column and row.
    expect(g.footprint).toEqual([0, 3, 4, 7]);
    expect(g.decades.map((d) => [d.from, d.to])).toEqual([
      [2026, 2035],
      [2036, 2045],
      [2046, 2055],
      [2056, 2065]
    ]);
  });

  it('sums the works per cell and decade, and keeps what waits apart', () => {
    const g = worksGrid(
      positions,
      [
        { lon: 0, lat: 0.1, year: 2026, cost: 5 },
        { lon: 0.01, lat: 0.09, year: 2035, cost: 7 }, // same cell, same decade
        { lon: 0.4, lat: -0.1, year: 2036, cost: 11 },
        { lon: 0.4, lat: -0.1, year: null, cost: 13 },
        { lon: 0.4, lat: -0.1, year: 2070, cost: 17 }, // past the horizon: not counted
        { lon: 0.2, lat: 0, year: 2030, cost: 0 } // nothing spent: not a work
      ],
      2026,
      40,
      4
    );
    expect(g.decades[0]!.cells).toEqual([[0, 12]]);
    expect(g.decades[1]!.cells).toEqual([[7, 11]]);
    expect(g.decades[2]!.cells).toEqual([]);
    expect(g.waiting).toEqual([[7, 13]]);
  });

  it('narrows the columns by the latitude so that cells stay square on the ground', () => {
    // At 60° a degree of longitude is half a degree of latitude: a 0.4° × 0.1° box is square.
    const g = worksGrid(
      [
        { lon: 0, lat: 59.95 },
        { lon: 0.4, lat: 60.05 }
      ],
      [],
      2026,
      15,
      4
    );
    expect(g.rows).toBe(2);
    expect(g.decades.map((d) => [d.from, d.to])).toEqual([
      [2026, 2035],
      [2036, 2040]
    ]);
  });

  it('gives an empty grid for a city without positions', () => {
    const g = worksGrid([], [{ lon: 1, lat: 1, year: 2026, cost: 1 }], 2026, 10);
    expect([g.cols, g.rows, g.footprint.length, g.decades[0]!.cells.length]).toEqual([0, 0, 0, 0]);
  });
});
