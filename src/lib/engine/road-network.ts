/**
 * Distances along the road layer: the roads' lines become a graph (a vertex per point, lines that
 * share a point joined there; an edge per segment, weighted by its length in metres), and the
 * distance from a place to every road point within a bound is found by Dijkstra's search on a
 * priority queue (flatqueue), stopping at the bound. A place off the road joins it at its nearest
 * road point, the straight line to it counted.
 */
import FlatQueue from 'flatqueue';
import type { Position } from 'geojson';
import { metres } from './access';

/** Points closer than this (degrees, about 0.1 m) are one road point. */
const SNAP = 1e-6;
/** Cells of the index of road points (degrees, about 1 km). */
const CELL = 0.01;

/** A network as plain arrays (what the compute pool hands back; typed arrays clone cheaply). */
export interface RoadNetworkArrays {
  lon: Float64Array;
  lat: Float64Array;
  start: Int32Array;
  to: Int32Array;
  length: Float64Array;
}

export class RoadNetwork {
  readonly lon: Float64Array;
  readonly lat: Float64Array;
  /** Compressed adjacency: node i's neighbours are `to[start[i]] … to[start[i + 1] - 1]`. */
  private readonly start: Int32Array;
  private readonly to: Int32Array;
  private readonly length: Float64Array;
  private readonly cells = new Map<string, number[]>();

  private constructor(a: RoadNetworkArrays) {
    this.lon = a.lon;
    this.lat = a.lat;
    this.start = a.start;
    this.to = a.to;
    this.length = a.length;
    for (let i = 0; i < a.lon.length; i++) {
      const key = cellKey(a.lon[i]!, a.lat[i]!);
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  /** The network again from its arrays (checked to hang together). */
  static fromArrays(a: RoadNetworkArrays): RoadNetwork {
    const n = a.lon.length;
    if (a.lat.length !== n || a.start.length !== n + 1 || a.to.length !== a.length.length)
      throw new Error('road network arrays of unequal lengths');
    if (a.start[n] !== a.to.length) throw new Error('road network adjacency does not add up');
    return new RoadNetwork(a);
  }

  /** The network as arrays (for the compute pool to hand back). */
  toArrays(): RoadNetworkArrays {
    return { lon: this.lon, lat: this.lat, start: this.start, to: this.to, length: this.length };
  }

  /** The network of these lines (each a list of lon/lat points); null when there are none. */
  static fromLines(lines: readonly (readonly Position[])[]): RoadNetwork | null {
    const ids = new Map<string, number>();
    const lon: number[] = [];
    const lat: number[] = [];
    const id = (p: Position) => {
      const key = `${Math.round(p[0]! / SNAP)},${Math.round(p[1]! / SNAP)}`;
      let i = ids.get(key);
      if (i === undefined) {
        i = lon.length;
        ids.set(key, i);
        lon.push(p[0]!);
        lat.push(p[1]!);
      }
      return i;
    };
    const edges: [number, number, number][] = [];
    for (const line of lines)
      for (let k = 1; k < line.length; k++) {
        const a = id(line[k - 1]!);
        const b = id(line[k]!);
        if (a !== b) edges.push([a, b, metres(lon[a]!, lat[a]!, lon[b]!, lat[b]!)]);
      }
    return edges.length ? new RoadNetwork(adjacency(lon, lat, edges)) : null;
  }

  get size(): number {
    return this.lon.length;
  }

  /** The road point nearest a place and the straight distance to it (m), searched ring by ring. */
  nearest(lon: number, lat: number): { node: number; metres: number } {
    const cx = Math.floor(lon / CELL);
    const cy = Math.floor(lat / CELL);
    let best = { node: -1, metres: Infinity };
    for (let ring = 0; ring < 1_000; ring++) {
      for (let x = cx - ring; x <= cx + ring; x++)
        for (let y = cy - ring; y <= cy + ring; y++) {
          if (Math.max(Math.abs(x - cx), Math.abs(y - cy)) !== ring) continue;
          for (const i of this.cells.get(`${x},${y}`) ?? []) {
            const d = metres(lon, lat, this.lon[i]!, this.lat[i]!);
            if (d < best.metres) best = { node: i, metres: d };
          }
        }
      // Any point beyond this ring is farther than a ring's width (in metres, at the worst).
      if (best.node >= 0 && best.metres <= ring * CELL * 111_195 * Math.cos((lat * Math.PI) / 180))
        break;
    }
    return best;
  }

  /**
   * Road distance (m) from a place to every road point within `limit` (Infinity beyond): the
   * straight line to its nearest road point, then along the roads.
   */
  distancesFrom(lon: number, lat: number, limit: number): Float64Array {
    const dist = new Float64Array(this.size).fill(Infinity);
    const origin = this.nearest(lon, lat);
    if (origin.node < 0 || origin.metres > limit) return dist;
    const queue = new FlatQueue<number>();
    dist[origin.node] = origin.metres;
    queue.push(origin.node, origin.metres);
    while (queue.length) {
      const d = queue.peekValue()!;
      const i = queue.pop()!;
      if (d > dist[i]!) continue; // a stale entry: a shorter way was found since
      for (let e = this.start[i]!; e < this.start[i + 1]!; e++) {
        const next = d + this.length[e]!;
        const j = this.to[e]!;
        if (next < dist[j]! && next <= limit) {
          dist[j] = next;
          queue.push(j, next);
        }
      }
    }
    return dist;
  }
}

/** Compressed adjacency of the edges (each both ways). */
function adjacency(
  lon: number[],
  lat: number[],
  edges: [number, number, number][]
): RoadNetworkArrays {
  const n = lon.length;
  const degree = new Int32Array(n + 1);
  for (const [a, b] of edges) {
    degree[a]! += 1;
    degree[b]! += 1;
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + degree[i]!;
  const to = new Int32Array(start[n]!);
  const length = new Float64Array(start[n]!);
  const fill = start.slice(0, n);
  for (const [a, b, m] of edges) {
    to[fill[a]!] = b;
    length[fill[a]!++] = m;
    to[fill[b]!] = a;
    length[fill[b]!++] = m;
  }
  return { lon: Float64Array.from(lon), lat: Float64Array.from(lat), start, to, length };
}

const cellKey = (lon: number, lat: number) => `${Math.floor(lon / CELL)},${Math.floor(lat / CELL)}`;
