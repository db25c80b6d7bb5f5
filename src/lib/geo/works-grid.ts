/**
 * Where and when a plan's works happen: the city cut into a grid of equal cells (in lon/lat,
 * the columns narrowed by the cosine of the latitude so that cells are about square on the
 * ground), and the cost of the works starting in each cell per decade of the horizon — plus the
 * works still waiting at its end. Small enough to keep with a scenario's result and to draw as
 * small multiples on the comparison page, whatever the size of the city.
 */

export interface WorksGrid {
  /** [west, south, east, north] of the grid, in degrees. */
  bbox: [number, number, number, number];
  cols: number;
  rows: number;
  /** Cells holding at least one asset (row-major index, row 0 in the north). */
  footprint: number[];
  /** Per decade of the horizon: the works started in it, as [cell, cost in yen] pairs. */
  decades: { from: number; to: number; cells: [number, number][] }[];
  /** Works waiting (unfunded) at the end of the horizon, as [cell, cost] pairs. */
  waiting: [number, number][];
}

export interface PlacedWork {
  lon: number;
  lat: number;
  /** Fiscal year the work starts, or null when it is still waiting at the end. */
  year: number | null;
  cost: number;
}

/**
 * The grid of a city's asset positions (`cols` across; rows to keep the cells square), with the
 * works summed per cell and decade of [startYear, startYear + years).
 */
export function worksGrid(
  positions: readonly { lon: number; lat: number }[],
  works: readonly PlacedWork[],
  startYear: number,
  years: number,
  cols = 40
): WorksGrid {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of positions) {
    west = Math.min(west, p.lon);
    east = Math.max(east, p.lon);
    south = Math.min(south, p.lat);
    north = Math.max(north, p.lat);
  }
  const decades = Array.from({ length: Math.ceil(years / 10) }, (_, k) => ({
    from: startYear + 10 * k,
    to: Math.min(startYear + 10 * k + 9, startYear + years - 1)
  }));
  if (!Number.isFinite(west))
    return {
      bbox: [0, 0, 0, 0],
      cols: 0,
      rows: 0,
      footprint: [],
      decades: decades.map((d) => ({ ...d, cells: [] })),
      waiting: []
    };
  const cos = Math.cos((((south + north) / 2) * Math.PI) / 180);
  // A city on one point still gets one cell; the cell is square on the ground.
  const width = Math.max(east - west, 1e-6);
  const cell = width / cols;
  // (less a hair, so that a height of exactly n cells is n rows despite rounding)
  const rows = Math.max(1, Math.ceil((north - south) / (cell * cos) - 1e-9));
  const cellOf = (lon: number, lat: number): number | null => {
    const c = Math.floor((lon - west) / cell);
    const r = Math.floor((north - lat) / (cell * cos));
    if (c < 0 || r < 0 || c > cols || r > rows) return null;
    // The east and south edges belong to the last column and row.
    return Math.min(r, rows - 1) * cols + Math.min(c, cols - 1);
  };
  const footprint = new Set<number>();
  for (const p of positions) {
    const k = cellOf(p.lon, p.lat);
    if (k !== null) footprint.add(k);
  }
  const sums = decades.map(() => new Map<number, number>());
  const waiting = new Map<number, number>();
  for (const w of works) {
    const k = cellOf(w.lon, w.lat);
    if (k === null || !(w.cost > 0)) continue;
    const target = w.year === null ? waiting : sums[Math.floor((w.year - startYear) / 10)];
    if (!target) continue;
    target.set(k, (target.get(k) ?? 0) + w.cost);
  }
  // Whole yen: the map shades cells, and the page carries fewer digits.
  const pairs = (m: Map<number, number>) =>
    [...m.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([cell, cost]) => [cell, Math.round(cost)]) as [number, number][];
  return {
    bbox: [west, south, east, north],
    cols,
    rows,
    footprint: [...footprint].sort((a, b) => a - b),
    decades: decades.map((d, i) => ({ ...d, cells: pairs(sums[i]!) })),
    waiting: pairs(waiting)
  };
}
