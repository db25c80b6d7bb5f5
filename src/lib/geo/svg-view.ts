/**
 * Drawing lon/lat on a small SVG without a map service: an equirectangular view fitted to the
 * points (scaled by the cosine of the mid latitude, a true shape at a city's size), centred with a
 * 10-unit margin; and an outline's path in it.
 */
export type View = (lon: number, lat: number) => [number, number];

export function fitView(
  points: readonly (readonly [number, number])[],
  width: number,
  height: number
): View | null {
  if (points.length === 0) return null;
  const lons = points.map((p) => p[0]);
  const lats = points.map((p) => p[1]);
  const [west, east, south, north] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...lats),
    Math.max(...lats)
  ];
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180);
  const scale = Math.min(
    (width - 20) / Math.max((east - west) * k, 1e-9),
    (height - 20) / Math.max(north - south, 1e-9)
  );
  const x0 = (width - (east - west) * k * scale) / 2;
  const y0 = (height - (north - south) * scale) / 2;
  return (lon, lat) => [x0 + (lon - west) * k * scale, y0 + (north - lat) * scale];
}

/** A closed ring as an SVG path in the view. */
export function ringPath(ring: readonly (readonly [number, number])[], at: View): string {
  return (
    ring
      .map(
        ([lon, lat], i) =>
          `${i ? 'L' : 'M'}${at(lon, lat)
            .map((v) => v.toFixed(1))
            .join(',')}`
      )
      .join('') + 'Z'
  );
}

/**
 * Lines as one SVG path in the view, at whole units: a point that rounds to the last one kept is
 * dropped, and a line that shrinks to one point is left out — the many short segments of a pipe
 * network draw as what shows at this size, in a few hundred kilobytes at most.
 */
export function linesPath(
  lines: readonly (readonly (readonly [number, number])[])[],
  at: View
): string {
  const parts: string[] = [];
  for (const line of lines) {
    let run = '';
    let last = '';
    for (const [lon, lat] of line) {
      const [x, y] = at(lon, lat).map(Math.round);
      const here = `${x} ${y}`;
      if (here === last) continue;
      run += `${last ? 'L' : 'M'}${here}`;
      last = here;
    }
    if (run.includes('L')) parts.push(run);
  }
  return parts.join('');
}

/** The public map's drawing size. */
export const PUBLIC_MAP = { width: 640, height: 480 } as const;

/** What the public map's view is fitted to: the outline and the points (lines do not widen it). */
export function mapPoints(
  boundary: readonly (readonly (readonly [number, number])[])[],
  ...points: readonly (readonly { lon: number; lat: number }[])[]
): [number, number][] {
  return [
    ...boundary.flat().map(([lon, lat]) => [lon, lat] as [number, number]),
    ...points.flat().map((p) => [p.lon, p.lat] as [number, number])
  ];
}
