/**
 * The infrastructure of the synthetic demo city, laid along its street network: road sections,
 * bridges where streets cross rivers and channels, water mains and sewers under the streets.
 * Materials, diameters and years follow the typical profile of docs/standards.md §7 (water mains mostly
 * 75–300 mm laid 1965–2000; sewers mostly 200–300 mm laid 1980–2010; bridges peaking 1965–1985).
 */
import type { Land, XY, Waterway } from './demo-city-land';
import { distance, segmentIntersection } from './demo-city-land';
import type { Random } from '../random';

export interface DemoRoad {
  code: string;
  name: string;
  category: 'general' | 'cycle_pedestrian';
  rank: 1 | 2 | 3;
  points: XY[];
  length: number;
  width: number;
  yearBuilt: number;
  grade: 'I' | 'II' | 'III';
  importance: number;
}

export interface DemoBridge {
  code: string;
  name: string;
  xy: XY;
  length: number;
  width: number;
  structure: 'pc' | 'rc' | 'steel' | 'stone' | 'wood';
  yearBuilt: number;
  grade: 'I' | 'II' | 'III' | 'IV';
  importance: number;
  inspectedOn: string;
  roadCode: string;
}

export interface DemoPipe {
  code: string;
  name: string;
  kind: 'water' | 'sewer';
  /** Water: the pipe kind, distribution (配水管) | conveyance (導水管・送水管). Sewer: sanitary | storm. */
  category: string;
  points: XY[];
  length: number;
  diameter: number;
  material: string;
  yearBuilt: number;
  importance: number;
}

const clampYear = (year: number, min: number, max: number) =>
  Math.max(min, Math.min(max, Math.round(year)));

/** Offsets a two-point line sideways by `d` metres (pipes run beside the road centreline). */
function offsetLine(a: XY, b: XY, d: number): [XY, XY] {
  const len = distance(a, b) || 1;
  const nx = (-(b[1] - a[1]) / len) * d;
  const ny = ((b[0] - a[0]) / len) * d;
  return [
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny]
  ];
}

/** Splits a straight line into `n` equal pieces. */
function split(a: XY, b: XY, n: number): [XY, XY][] {
  const pieces: [XY, XY][] = [];
  for (let k = 0; k < n; k++) {
    const t0 = k / n;
    const t1 = (k + 1) / n;
    pieces.push([
      [a[0] + (b[0] - a[0]) * t0, a[1] + (b[1] - a[1]) * t0],
      [a[0] + (b[0] - a[0]) * t1, a[1] + (b[1] - a[1]) * t1]
    ]);
  }
  return pieces;
}

const BRIDGE_NAME_PARTS = [
  '新',
  '大',
  '中',
  '東',
  '西',
  '宮',
  '水',
  '松',
  '桜',
  '柳',
  '稲',
  '高',
  '石',
  '寺',
  '森',
  '浜',
  '上',
  '下',
  '田',
  '川'
];

export interface InfrastructureOptions {
  asOfYear: number;
}

/** What the generation keeps from one street to the next. */
interface Generation {
  rnd: Random;
  asOfYear: number;
  roads: DemoRoad[];
  bridges: DemoBridge[];
  pipes: DemoPipe[];
  waterSegments: ReturnType<typeof indexWaterways>;
  usedBridgeNames: Set<string>;
  channelBridgeCount: Map<string, number>;
  routeNumbers: Map<number, number>;
  routeSections: Map<number, number>;
  waterNo: number;
  sewerNo: number;
}

/** The street's road section: its route's name and number, width, pavement year and grade. */
function roadSection(g: Generation, edge: Land['edges'][number], a: XY, b: XY, density: number) {
  const length = distance(a, b);
  // Road section
  let routeNo = g.routeNumbers.get(edge.route);
  if (routeNo === undefined) {
    routeNo = g.routeNumbers.size + 1;
    g.routeNumbers.set(edge.route, routeNo);
  }
  const section = (g.routeSections.get(edge.route) ?? 0) + 1;
  g.routeSections.set(edge.route, section);
  const cyclePath = edge.rank === 3 && density > 0.3 && g.rnd.chance(0.05);
  const width = cyclePath
    ? g.rnd.uniform(2.5, 3.5)
    : edge.rank === 1
      ? g.rnd.uniform(9, 13)
      : edge.rank === 2
        ? g.rnd.uniform(6.5, 9)
        : g.rnd.uniform(4, 6.5);
  // Year of the pavement's last resurfacing: roughly uniform over the last 35 years.
  const paved = clampYear(g.asOfYear - 1 - Math.abs(g.rnd.normal(0, 14)), 1985, g.asOfYear - 1);
  const pavedAge = g.asOfYear - paved;
  const roadGrade = g.rnd.weighted<'I' | 'II' | 'III'>(
    pavedAge < 10
      ? [
          ['I', 0.8],
          ['II', 0.18],
          ['III', 0.02]
        ]
      : pavedAge < 20
        ? [
            ['I', 0.35],
            ['II', 0.5],
            ['III', 0.15]
          ]
        : [
            ['I', 0.1],
            ['II', 0.5],
            ['III', 0.4]
          ]
  );
  const roadCode = `R${String(g.roads.length + 1).padStart(5, '0')}`;
  const routeName =
    edge.rank === 1
      ? `市道1級${routeNo}号線`
      : edge.rank === 2
        ? `市道2級${routeNo}号線`
        : `市道${routeNo}号線`;
  const road: DemoRoad = {
    code: roadCode,
    name: `${routeName} 第${section}区間`,
    category: cyclePath ? 'cycle_pedestrian' : 'general',
    rank: edge.rank,
    points: [a, b],
    length,
    width,
    yearBuilt: paved,
    grade: roadGrade,
    importance: cyclePath ? 1 : edge.rank === 1 ? 4 : edge.rank === 2 ? 3 : 2
  };
  g.roads.push(road);

  return { road, routeName, width };
}

/** Bridges where the section crosses water (the bridge's length is not paved road). */
function sectionBridges(
  g: Generation,
  edge: Land['edges'][number],
  a: XY,
  b: XY,
  road: DemoRoad,
  width: number
): void {
  const roadCode = road.code;
  for (const crossing of crossings(g.waterSegments, a, b)) {
    const w = crossing.waterway;
    const bridgeLength =
      w.rank === 1
        ? g.rnd.uniform(70, 180)
        : w.rank === 2
          ? g.rnd.uniform(14, 45)
          : g.rnd.uniform(2.5, 12);
    const built = clampYear(
      g.rnd.chance(0.12)
        ? g.rnd.uniform(1990, g.asOfYear - 1)
        : triangularYear(g.rnd, 1952, 1974, 1992),
      1950,
      g.asOfYear - 1
    );
    const structure = g.rnd.weighted<DemoBridge['structure']>(
      bridgeLength < 5
        ? [
            ['rc', 0.8],
            ['pc', 0.12],
            ['stone', 0.05],
            ['wood', 0.03]
          ]
        : bridgeLength < 15
          ? [
              ['rc', 0.45],
              ['pc', 0.45],
              ['steel', 0.1]
            ]
          : bridgeLength < 50
            ? [
                ['pc', 0.6],
                ['steel', 0.35],
                ['rc', 0.05]
              ]
            : [
                ['steel', 0.5],
                ['pc', 0.5]
              ]
    );
    const age = g.asOfYear - built;
    const grade = g.rnd.weighted<DemoBridge['grade']>(
      age < 20
        ? [
            ['I', 0.7],
            ['II', 0.28],
            ['III', 0.02]
          ]
        : age < 40
          ? [
              ['I', 0.3],
              ['II', 0.6],
              ['III', 0.1]
            ]
          : [
              ['I', 0.1],
              ['II', 0.66],
              ['III', 0.22],
              ['IV', 0.02]
            ]
    );
    let name: string;
    if (w.kind === 'channel') {
      const n = (g.channelBridgeCount.get(w.name) ?? 0) + 1;
      g.channelBridgeCount.set(w.name, n);
      name = `${w.name.replace('（架空）', '')}${n}号橋`;
    } else {
      name = '';
      for (let tries = 0; tries < 50 && (!name || g.usedBridgeNames.has(name)); tries++) {
        name = `${g.rnd.pick(BRIDGE_NAME_PARTS)}${g.rnd.pick(BRIDGE_NAME_PARTS)}橋`;
      }
      if (g.usedBridgeNames.has(name)) name = `${name.slice(0, -1)}${g.bridges.length + 1}号橋`;
      g.usedBridgeNames.add(name);
    }
    road.length = Math.max(1, road.length - bridgeLength);
    g.bridges.push({
      code: `BR${String(g.bridges.length + 1).padStart(4, '0')}`,
      name,
      xy: crossing.xy,
      length: bridgeLength,
      width: Math.max(3, width + (edge.rank === 1 ? g.rnd.uniform(1, 3) : g.rnd.uniform(0, 1))),
      structure,
      yearBuilt: built,
      grade,
      importance: w.rank === 1 || edge.rank === 1 ? 5 : edge.rank === 2 ? 4 : 3,
      inspectedOn: `${g.rnd.int(g.asOfYear - 5, g.asOfYear - 1)}-${String(g.rnd.int(5, 12)).padStart(2, '0')}-${String(g.rnd.int(1, 28)).padStart(2, '0')}`,
      roadCode
    });
  }
}

/** Water mains: under every street that serves houses (not the empty hills), pieces ≤ 80 m. */
function waterMains(
  g: Generation,
  edge: Land['edges'][number],
  a: XY,
  b: XY,
  density: number,
  routeName: string
): void {
  const length = distance(a, b);
  if (density > 0.16 || (edge.rank <= 2 && density > 0.05)) {
    const transmission = edge.rank === 1 && density > 0.25 && edge.route % 3 === 0;
    const diameter = transmission
      ? g.rnd.pick([300, 350, 400, 500])
      : edge.rank === 1
        ? g.rnd.pick([150, 200, 250, 300])
        : edge.rank === 2
          ? g.rnd.pick([100, 150, 150, 200])
          : g.rnd.weighted([
              [50, 0.06],
              [75, 0.28],
              [100, 0.36],
              [150, 0.25],
              [200, 0.05]
            ] as const);
    let year = g.rnd.normal(1970 + 30 * (1 - density), 7);
    if (g.rnd.chance(0.09)) year = g.rnd.uniform(2003, g.asOfYear - 1); // renewed mains
    const laid = clampYear(year, 1958, g.asOfYear - 1);
    const material =
      laid < 1975
        ? g.rnd.weighted([
            ['cast_iron', 0.5],
            ['steel', 0.15],
            ['ductile_iron', 0.2],
            ['asbestos_cement', 0.15]
          ] as const)
        : laid < 1996
          ? g.rnd.weighted([
              ['ductile_iron', 0.7],
              ['pvc', 0.27],
              ['steel', 0.03]
            ] as const)
          : g.rnd.weighted([
              ['ductile_iron', 0.6],
              ['polyethylene', 0.32],
              ['pvc', 0.08]
            ] as const);
    const [wa, wb] = offsetLine(a, b, 2.5);
    for (const [pa, pb] of split(wa, wb, Math.max(1, Math.ceil(length / 80)))) {
      g.waterNo += 1;
      g.pipes.push({
        code: `W${String(g.waterNo).padStart(6, '0')}`,
        name: `${transmission ? '送水管' : '配水管'} ${routeName} φ${diameter}`,
        kind: 'water',
        category: transmission ? 'conveyance' : 'distribution',
        points: [pa, pb],
        length: distance(pa, pb),
        diameter,
        material,
        yearBuilt: laid,
        importance: transmission ? 5 : diameter >= 200 ? 4 : 2
      });
    }
  }
}

/** Sewers: the sewered urban area, laid later (1980–2010), manhole to manhole ≤ 40 m. */
function sewers(
  g: Generation,
  edge: Land['edges'][number],
  a: XY,
  b: XY,
  density: number,
  mid: XY,
  routeName: string
): void {
  const length = distance(a, b);
  if (density > 0.45 && mid[1] < 4_000) {
    const trunk = edge.rank === 1;
    const diameter = trunk
      ? g.rnd.pick([400, 450, 600, 800, 1000])
      : edge.rank === 2
        ? g.rnd.pick([250, 300, 350])
        : g.rnd.weighted([
            [200, 0.78],
            [250, 0.17],
            [300, 0.05]
          ] as const);
    const laid = clampYear(g.rnd.normal(1984 + 26 * (1 - density), 5), 1976, g.asOfYear - 1);
    const material: string =
      diameter >= 400
        ? g.rnd.weighted([
            ['concrete', 0.9],
            ['rehabilitated', 0.1]
          ] as const)
        : laid < 1988
          ? g.rnd.weighted([
              ['concrete', 0.35],
              ['clay', 0.25],
              ['pvc', 0.3],
              ['rehabilitated', 0.1]
            ] as const)
          : g.rnd.weighted([
              ['pvc', 0.9],
              ['concrete', 0.1]
            ] as const);
    const storm = trunk && edge.route % 2 === 0;
    const [sa, sb] = offsetLine(a, b, -2.5);
    for (const [pa, pb] of split(sa, sb, Math.max(1, Math.ceil(length / 40)))) {
      g.sewerNo += 1;
      g.pipes.push({
        code: `S${String(g.sewerNo).padStart(6, '0')}`,
        name: `${storm ? '雨水管' : '汚水管'} ${routeName} φ${diameter}`,
        kind: 'sewer',
        category: storm ? 'storm' : 'sanitary',
        points: [pa, pb],
        length: distance(pa, pb),
        diameter,
        material,
        yearBuilt: laid,
        importance: trunk ? 5 : diameter >= 300 ? 3 : 2
      });
    }
  }
}

export function generateInfrastructure(
  rnd: Random,
  land: Land,
  { asOfYear }: InfrastructureOptions
): { roads: DemoRoad[]; bridges: DemoBridge[]; pipes: DemoPipe[] } {
  const g: Generation = {
    rnd,
    asOfYear,
    roads: [],
    bridges: [],
    pipes: [],
    waterSegments: indexWaterways(land.waterways),
    usedBridgeNames: new Set<string>(),
    channelBridgeCount: new Map<string, number>(),
    routeNumbers: new Map<number, number>(),
    routeSections: new Map<number, number>(),
    waterNo: 0,
    sewerNo: 0
  };
  // Each street in turn: its road section, its bridges, the water main and the sewer under it
  // (in this order: the random draws follow it, and the demo city stays the same).
  for (const edge of land.edges) {
    const a = land.nodes[edge.from]!.xy;
    const b = land.nodes[edge.to]!.xy;
    const mid: XY = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    const density = land.density(mid);
    const { road, routeName, width } = roadSection(g, edge, a, b, density);
    sectionBridges(g, edge, a, b, road, width);
    waterMains(g, edge, a, b, density, routeName);
    sewers(g, edge, a, b, density, mid, routeName);
  }
  return { roads: g.roads, bridges: g.bridges, pipes: g.pipes };
}

function triangularYear(rnd: Random, a: number, c: number, b: number): number {
  const u = rnd.next();
  const f = (c - a) / (b - a);
  return u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
}

interface WaterSegment {
  a: XY;
  b: XY;
  waterway: Waterway;
}

const CELL = 500;

/** Keys of the 500 m grid cells that the bounding box of segment a–b touches. */
function cellsOf(a: XY, b: XY): string[] {
  const keys: string[] = [];
  for (
    let cx = Math.floor(Math.min(a[0], b[0]) / CELL);
    cx <= Math.floor(Math.max(a[0], b[0]) / CELL);
    cx++
  ) {
    for (
      let cy = Math.floor(Math.min(a[1], b[1]) / CELL);
      cy <= Math.floor(Math.max(a[1], b[1]) / CELL);
      cy++
    ) {
      keys.push(`${cx}:${cy}`);
    }
  }
  return keys;
}

/** Water segments bucketed on a 500 m grid, for fast crossing tests. */
function indexWaterways(waterways: readonly Waterway[]): Map<string, WaterSegment[]> {
  const index = new Map<string, WaterSegment[]>();
  for (const waterway of waterways) {
    for (let i = 1; i < waterway.points.length; i++) {
      const segment = { a: waterway.points[i - 1]!, b: waterway.points[i]!, waterway };
      for (const key of cellsOf(segment.a, segment.b)) {
        const list = index.get(key);
        if (list) list.push(segment);
        else index.set(key, [segment]);
      }
    }
  }
  return index;
}

/** Where the street a–b crosses a waterway, one crossing per waterway. */
function crossings(
  index: Map<string, WaterSegment[]>,
  a: XY,
  b: XY
): { xy: XY; waterway: Waterway }[] {
  const found = new Map<Waterway, XY>();
  for (const key of cellsOf(a, b)) {
    for (const segment of index.get(key) ?? []) {
      if (found.has(segment.waterway)) continue;
      const xy = segmentIntersection(a, b, segment.a, segment.b);
      if (xy) found.set(segment.waterway, xy);
    }
  }
  return [...found].map(([waterway, xy]) => ({ waterway, xy }));
}
