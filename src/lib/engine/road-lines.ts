/**
 * The road layer's network from its stored geometries (GeoJSON text, LineString or
 * MultiLineString; anything else left out), as arrays — built in the compute pool, since a city's
 * road layer of 200,000 segments takes about a second to join.
 */
import type { Geometry, Position } from 'geojson';
import { RoadNetwork, type RoadNetworkArrays } from './road-network';

export function roadNetworkOf(input: { geometries: string[] }): RoadNetworkArrays | null {
  const lines: Position[][] = [];
  for (const text of input.geometries) {
    let g: Geometry | null;
    try {
      g = JSON.parse(text) as Geometry | null;
    } catch {
      continue; // a stored geometry that is not JSON is no road
    }
    if (g?.type === 'LineString') lines.push(g.coordinates);
    else if (g?.type === 'MultiLineString') lines.push(...g.coordinates);
  }
  return RoadNetwork.fromLines(lines)?.toArrays() ?? null;
}
