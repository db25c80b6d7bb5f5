/**
 * The land of the synthetic demo city: its outline, where people live, its rivers, channels and
 * railway, and a street network that follows the density of the town. Everything is computed in
 * local metres (x east, y north) around the city's reference point and converted to lon/lat at the
 * end. Pure and deterministic: the only randomness is the seeded `Random` passed in.
 */
import { Random } from '../random';

/** Reference point of 藤枝市 (docs/standards.md §5.4); the demo city is placed around it. */
export const CITY_CENTER = { lon: 138.257778, lat: 34.8675 } as const;
const M_PER_DEG_LAT = 110_950;
const M_PER_DEG_LON = 111_320 * Math.cos((CITY_CENTER.lat * Math.PI) / 180);

export type XY = readonly [number, number];
export type LonLat = [number, number];

/** Local metres → lon/lat, rounded to 7 decimals (≈ 1 cm) so output bytes are stable. */
export function toLonLat([x, y]: XY): LonLat {
  return [
    Math.round((CITY_CENTER.lon + x / M_PER_DEG_LON) * 1e7) / 1e7,
    Math.round((CITY_CENTER.lat + y / M_PER_DEG_LAT) * 1e7) / 1e7
  ];
}

export function distance(a: XY, b: XY): number {
  return Math.hypot(a[0] - b[0], a[1] - b[1]);
}

export function polylineLength(points: readonly XY[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distance(points[i - 1]!, points[i]!);
  return total;
}

/** Ray-casting point-in-polygon test on a closed ring in local metres. */
export function insideRing(point: XY, ring: readonly XY[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Intersection point of segments ab and cd, or null. */
export function segmentIntersection(a: XY, b: XY, c: XY, d: XY): XY | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denom = rx * sy - ry * sx;
  if (Math.abs(denom) < 1e-9) return null;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denom;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denom;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [a[0] + t * rx, a[1] + t * ry];
}

export interface Waterway {
  kind: 'river' | 'channel';
  /** 1 = main river, 2 = tributary, 3 = irrigation channel: decides bridge lengths and flooding. */
  rank: 1 | 2 | 3;
  name: string;
  points: XY[];
}

export interface RoadNode {
  id: number;
  xy: XY;
}

export interface RoadEdge {
  from: number;
  to: number;
  /** 1 = arterial (幹線), 2 = collector, 3 = local street. */
  rank: 1 | 2 | 3;
  /** Route number shared by the edges of one grid line. */
  route: number;
}

export interface Land {
  boundary: XY[];
  waterways: Waterway[];
  railway: XY[];
  nodes: RoadNode[];
  edges: RoadEdge[];
  /** 0 (mountain, farmland) – 1 (downtown). */
  density: (xy: XY) => number;
  /** Town names and a function giving the town of a point, for addresses. */
  townOf: (xy: XY) => string;
}

const TOWN_NAMES = [
  '本町',
  '駅前',
  '青葉町',
  '緑町',
  '若葉台',
  '旭が丘',
  '東町',
  '西町',
  '南町',
  '北町',
  '大洲',
  '水上',
  '高田',
  '稲葉',
  '瀬戸新屋',
  '田沼',
  '志太',
  '前島',
  '時ケ谷',
  '堀之内',
  '築地',
  '音羽町',
  '末広',
  '宮原'
] as const;

function gauss(xy: XY, cx: number, cy: number, sigma: number): number {
  const d2 = (xy[0] - cx) ** 2 + (xy[1] - cy) ** 2;
  return Math.exp(-d2 / (2 * sigma * sigma));
}

/** Builds the whole land: outline, waterways, railway and street network. */
export function generateLand(random: Random): Land {
  const rnd = random.fork(1);

  // Outline: an ellipse 13.8 km × 18 km (≈ 195 km², like the reference city) with a wavy edge.
  const phases = [rnd.uniform(0, 6.28), rnd.uniform(0, 6.28), rnd.uniform(0, 6.28)];
  const boundary: XY[] = [];
  for (let i = 0; i < 96; i++) {
    const t = (i / 96) * 2 * Math.PI;
    const wobble =
      1 +
      0.07 * Math.sin(2 * t + phases[0]!) +
      0.05 * Math.sin(3 * t + phases[1]!) +
      0.025 * Math.sin(7 * t + phases[2]!);
    boundary.push([6_900 * wobble * Math.cos(t), 9_000 * wobble * Math.sin(t)]);
  }

  // Where people live: a downtown in the southern plain by the railway, an old post town to the
  // north-west, farmland in the south, forested hills in the north.
  const density = (xy: XY): number => {
    const plain = 0.22 / (1 + Math.exp(xy[1] / 1_200));
    const value = Math.max(
      gauss(xy, 600, -3_600, 2_100),
      0.75 * gauss(xy, -3_200, 1_800, 1_100),
      0.45 * gauss(xy, 3_800, -6_000, 1_200)
    );
    return Math.min(1, value + plain);
  };

  const waterways = generateWaterways(rnd.fork(2));
  const railway = meander([-8_500, -3_050], [8_500, -3_700], 60, 0, rnd.fork(3), 40);
  const { nodes, edges } = generateStreets(rnd.fork(4), boundary, density);

  const townOf = (xy: XY): string => {
    const angle = Math.atan2(xy[1], xy[0]);
    const sector = Math.floor(((angle + Math.PI) / (2 * Math.PI)) * 12) % 12;
    const ring = Math.hypot(xy[0] / 6_900, xy[1] / 9_000) < 0.45 ? 0 : 1;
    return TOWN_NAMES[ring * 12 + sector]!;
  };

  return { boundary, waterways, railway, nodes, edges, density, townOf };
}

/** A wavy polyline from a to b: `amplitude` metres of meander over `waves` half-waves. */
function meander(a: XY, b: XY, samples: number, amplitude: number, rnd: Random, jitter = 0): XY[] {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy);
  const nx = -dy / len;
  const ny = dx / len;
  const waves = rnd.uniform(3, 6);
  const phase = rnd.uniform(0, Math.PI);
  const points: XY[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const offset =
      amplitude * Math.sin(t * waves * Math.PI + phase) * Math.sin(t * Math.PI) +
      (jitter ? rnd.normal(0, jitter) : 0);
    points.push([a[0] + dx * t + nx * offset, a[1] + dy * t + ny * offset]);
  }
  return points;
}

function generateWaterways(rnd: Random): Waterway[] {
  const main = meander([-600, 10_500], [4_200, -10_200], 220, 700, rnd.fork(1));
  const join = (t: number): XY => main[Math.round(t * (main.length - 1))]!;
  const waterways: Waterway[] = [
    { kind: 'river', rank: 1, name: '大井田川（架空）', points: main },
    {
      kind: 'river',
      rank: 2,
      name: '西谷川（架空）',
      points: meander([-7_800, 5_200], join(0.42), 120, 350, rnd.fork(2))
    },
    {
      kind: 'river',
      rank: 2,
      name: '東沢川（架空）',
      points: meander([7_600, 3_600], join(0.62), 110, 300, rnd.fork(3))
    }
  ];
  // Irrigation channels (用水路) crossing the southern plain from west to east.
  const channelNames = ['一の堰用水', '二の堰用水', '中用水', '新田用水', '下用水', '南堀'];
  channelNames.forEach((name, i) => {
    const y = -1_400 - i * 1_200;
    waterways.push({
      kind: 'channel',
      rank: 3,
      name: `${name}（架空）`,
      points: meander(
        [-7_600, y + rnd.uniform(-300, 300)],
        [7_600, y + rnd.uniform(-300, 300)],
        90,
        180,
        rnd.fork(10 + i),
        15
      )
    });
  });
  return waterways;
}

/**
 * A street network: a slightly rotated, gently warped grid whose finer lines exist only where the
 * town is dense (arterials every 8th line everywhere, collectors every 4th, local streets every 2nd
 * or every line downtown), clipped to the city outline.
 */
function generateStreets(
  rnd: Random,
  boundary: readonly XY[],
  density: (xy: XY) => number
): { nodes: RoadNode[]; edges: RoadEdge[] } {
  const spacing = 150;
  const half = 70; // grid half-size in cells: covers ±10.5 km
  const rotation = (12 * Math.PI) / 180;
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  const warpPhase = [rnd.uniform(0, 6.28), rnd.uniform(0, 6.28)];

  const position = (i: number, j: number): XY => {
    const u = i * spacing;
    const v = j * spacing;
    // Gentle large-scale warp so that grid lines curve like real roads.
    const wu = u + 180 * Math.sin(v / 2_300 + warpPhase[0]!);
    const wv = v + 160 * Math.sin(u / 2_700 + warpPhase[1]!);
    return [wu * cos - wv * sin + rnd.normal(0, 12), wu * sin + wv * cos + rnd.normal(0, 12)];
  };

  const lineRank = (index: number): 1 | 2 | 3 => (index % 8 === 0 ? 1 : index % 4 === 0 ? 2 : 3);
  /** The coarsest line step that still has streets at this density. */
  const stepAt = (xy: XY): number => {
    const d = density(xy);
    if (xy[1] > 3_500 && d < 0.2) return 8; // hills: arterials along the valleys only
    if (d > 0.55) return 1;
    if (d > 0.3) return 2;
    if (d > 0.12) return 4;
    return 8;
  };

  const size = 2 * half + 1;
  const grid: (XY | null)[] = new Array(size * size).fill(null);
  for (let j = -half; j <= half; j++) {
    for (let i = -half; i <= half; i++) {
      const xy = position(i, j);
      grid[(j + half) * size + (i + half)] = insideRing(xy, boundary) ? xy : null;
    }
  }

  const nodeIds = new Map<number, number>();
  const nodes: RoadNode[] = [];
  const nodeAt = (i: number, j: number): number => {
    const key = (j + half) * size + (i + half);
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = nodes.length;
      nodes.push({ id, xy: grid[key]! });
      nodeIds.set(key, id);
    }
    return id;
  };

  const edges: RoadEdge[] = [];
  const addEdge = (
    i1: number,
    j1: number,
    i2: number,
    j2: number,
    lineIndex: number,
    route: number
  ) => {
    const a = grid[(j1 + half) * size + (i1 + half)];
    const b = grid[(j2 + half) * size + (i2 + half)];
    if (!a || !b) return;
    const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const step = stepAt(mid);
    if (lineIndex % step !== 0) return;
    // Farm tracks and hill roads are not continuous: drop some sparse edges.
    if (step >= 4 && lineRank(lineIndex) === 3 && rnd.chance(0.35)) return;
    edges.push({ from: nodeAt(i1, j1), to: nodeAt(i2, j2), rank: lineRank(lineIndex), route });
  };

  for (let j = -half; j <= half; j++) {
    for (let i = -half; i < half; i++) addEdge(i, j, i + 1, j, Math.abs(j), 1_000 + j + half);
  }
  for (let i = -half; i <= half; i++) {
    for (let j = -half; j < half; j++) addEdge(i, j, i, j + 1, Math.abs(i), 2_000 + i + half);
  }
  return { nodes, edges };
}
