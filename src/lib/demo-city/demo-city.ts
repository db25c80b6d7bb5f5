/**
 * The synthetic demo city: a mid-size Japanese city of about 140,000 people around the reference
 * point of 藤枝市 (34.8675 N, 138.2578 E), generated from a seed. Same seed, same city, byte for
 * byte. It is labelled synthetic wherever it is shown: its names, buildings and pipes are invented;
 * only its profile follows published figures (docs/standards.md §7).
 */
import { buffer, featureCollection, intersect, lineString, polygon } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import type { BuildingCategory } from '../engine/asset-classes';
import { generateFacilities } from './demo-city-facilities';
import { generateInfrastructure } from './demo-city-infrastructure';
import { ledgerColumns } from './demo-city-ledger';
import { demoPopulation, type DemoPopulationArea } from './demo-city-population';
import { generateLand, toLonLat, type XY } from './demo-city-land';
import { planDemoCity } from './demo-city-plan';
import { demoHistory, type DemoHistory } from './demo-city-history';
import { earlierInspections } from './demo-city-inspection-history';
import { demoUsage, type DemoUsageRecord } from './demo-city-usage';
import { Random } from '../random';

export const DEFAULT_DEMO_SEED = 20260401;
/** The fiscal year the demo data describes: built up to the year before, surveyed recently. */
export const DEMO_AS_OF_YEAR = 2026;
export const DEMO_POPULATION = 141_800;
export const DEMO_RECENT_INVESTMENT_YEN = 7_500_000_000;
/**
 * Yen per ㎡ to demolish a closed building: a synthetic demo assumption (published 除却 unit
 * costs run to a few 万円 per ㎡); a city sets its own.
 */
export const DEMO_DEMOLITION_YEN_PER_M2 = 30_000;

export interface DemoFacilityRecord {
  code: string;
  name: string;
  category: BuildingCategory;
  subcategory: string;
  address: string;
  lon: number;
  lat: number;
  yearly_users: number | null;
  running_cost_yen: number | null;
  is_shelter: number;
  status: string;
  /** The demo's 個別施設計画 (see demo-city-plan.ts). */
  policy: string;
  policy_year: number | null;
  consolidate_into: string | null;
  planned_year: number | null;
  planned_area_m2: number | null;
  planned_structure: string | null;
}

export interface DemoAssetRecord {
  code: string;
  facility_code: string | null;
  name: string;
  asset_class: 'building' | 'road' | 'bridge' | 'water_pipe' | 'sewer_pipe';
  category: string;
  subcategory: string | null;
  year_built: number | null;
  quantity: number;
  unit: 'm2' | 'm';
  length_m: number | null;
  width_m: number | null;
  structure: string | null;
  material: string | null;
  diameter_mm: number | null;
  floors: number | null;
  condition_grade: string | null;
  soundness: number | null;
  importance: number;
  status: string;
  geometry: Geometry;
  /** The fixed-asset register's columns (demo-city-ledger.ts); absent: not in the ledger. */
  acquisition_yen?: number | null;
  service_life_years?: number | null;
  acquired_on?: string | null;
}

export interface DemoInspectionRecord {
  asset_code: string;
  inspected_on: string;
  part: string;
  grade: string;
  soundness: number | null;
  inspector: string;
  note: string | null;
}

export interface DemoAreaRecord {
  kind: string;
  level?: string;
  depth_min_m?: number | null;
  depth_max_m?: number | null;
  name: string | null;
  source?: string | null;
  geometry: Geometry;
}

export interface DemoCity {
  seed: number;
  settings: Record<string, string>;
  facilities: DemoFacilityRecord[];
  assets: DemoAssetRecord[];
  inspections: DemoInspectionRecord[];
  hazardZones: DemoAreaRecord[];
  basemap: DemoAreaRecord[];
  /** The plan adopted in FY2021 and the works done since (demo-city-history.ts). */
  history: DemoHistory;
  /** Synthetic population on the 1 km grid, census year 2020 (demo-city-population.ts). */
  population: DemoPopulationArea[];
  /** Synthetic use year by year, five years to the as-of year (demo-city-usage.ts). */
  usage: DemoUsageRecord[];
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const line = (points: readonly XY[]): Geometry => ({
  type: 'LineString',
  coordinates: points.map(toLonLat)
});
const point = (xy: XY): Geometry => ({ type: 'Point', coordinates: toLonLat(xy) });

/** The buildings as asset records, and their parts' survey as inspections. */
function buildingRecords(
  buildings: ReturnType<typeof generateFacilities>['buildings'],
  assets: DemoAssetRecord[],
  inspections: DemoInspectionRecord[]
): void {
  for (const b of buildings) {
    assets.push({
      code: b.code,
      facility_code: b.facilityCode,
      name: b.name,
      asset_class: 'building',
      category: b.category,
      subcategory: b.subcategory,
      year_built: b.yearBuilt,
      quantity: b.area,
      unit: 'm2',
      length_m: null,
      width_m: null,
      structure: b.structure,
      material: null,
      diameter_mm: null,
      floors: b.floors,
      condition_grade: b.grade,
      soundness: b.soundness,
      importance: b.importance,
      status: 'active',
      geometry: point(b.xy)
    });
    for (const part of b.parts) {
      inspections.push({
        asset_code: b.code,
        inspected_on: b.surveyedOn,
        part: part.part,
        grade: part.grade,
        soundness: null,
        inspector: '施設点検（デモ）',
        note: null
      });
    }
  }
}

/** The roads, bridges (with their inspections) and pipes as asset records. */
function infrastructureRecords(
  { roads, bridges, pipes }: ReturnType<typeof generateInfrastructure>,
  assets: DemoAssetRecord[],
  inspections: DemoInspectionRecord[]
): void {
  for (const r of roads) {
    assets.push({
      code: r.code,
      facility_code: null,
      name: r.name,
      asset_class: 'road',
      category: r.category,
      subcategory: r.rank === 1 ? 'class1' : r.rank === 2 ? 'class2' : 'other',
      year_built: r.yearBuilt,
      quantity: round(r.length * r.width, 1),
      unit: 'm2',
      length_m: round(r.length, 1),
      width_m: round(r.width, 1),
      structure: null,
      material: 'asphalt',
      diameter_mm: null,
      floors: null,
      condition_grade: r.grade,
      soundness: null,
      importance: r.importance,
      status: 'active',
      geometry: line(r.points)
    });
  }
  for (const b of bridges) {
    assets.push({
      code: b.code,
      facility_code: null,
      name: b.name,
      asset_class: 'bridge',
      category: 'bridge',
      subcategory: b.length >= 15 ? 'long' : 'short',
      year_built: b.yearBuilt,
      quantity: round(b.length * b.width, 1),
      unit: 'm2',
      length_m: round(b.length, 1),
      width_m: round(b.width, 1),
      structure: b.structure,
      material: null,
      diameter_mm: null,
      floors: null,
      condition_grade: b.grade,
      soundness: null,
      importance: b.importance,
      status: 'active',
      geometry: point(b.xy)
    });
    inspections.push({
      asset_code: b.code,
      inspected_on: b.inspectedOn,
      part: 'overall',
      grade: b.grade,
      soundness: null,
      inspector: '橋梁定期点検（デモ）',
      note: null
    });
  }
  for (const p of pipes) {
    assets.push({
      code: p.code,
      facility_code: null,
      name: p.name,
      asset_class: p.kind === 'water' ? 'water_pipe' : 'sewer_pipe',
      category: p.category,
      subcategory: null,
      year_built: p.yearBuilt,
      quantity: round(p.length, 1),
      unit: 'm',
      length_m: round(p.length, 1),
      width_m: null,
      structure: null,
      material: p.material,
      diameter_mm: p.diameter,
      floors: null,
      condition_grade: null,
      soundness: null,
      importance: p.importance,
      status: 'active',
      geometry: line(p.points)
    });
  }
}

/** The basemap: the city's boundary, its waterways and the railway; and the boundary ring. */
function basemapOf(land: ReturnType<typeof generateLand>) {
  const boundaryRing = [...land.boundary, land.boundary[0]!].map(toLonLat);
  const basemap: DemoAreaRecord[] = [
    {
      kind: 'boundary',
      name: 'デモ市（架空）',
      geometry: { type: 'Polygon', coordinates: [boundaryRing] }
    },
    ...land.waterways.map((w) => ({ kind: w.kind, name: w.name, geometry: line(w.points) })),
    { kind: 'rail', name: '鉄道（架空）', geometry: line(land.railway) }
  ];

  return { basemap, boundaryRing };
}

/** The facilities as records: the city's, with the plan's policies, and the plan's new ones. */
function facilityRecords(
  facilities: ReturnType<typeof generateFacilities>['facilities'],
  plan: ReturnType<typeof planDemoCity>
) {
  return [
    ...facilities.map((f) => {
      const [lon, lat] = toLonLat(f.xy);
      const planned = plan.policies.get(f.code);
      return {
        code: f.code,
        name: f.name,
        category: f.category,
        subcategory: f.subcategory,
        address: f.address,
        lon,
        lat,
        yearly_users: f.yearly_users,
        running_cost_yen: f.running_cost_yen,
        is_shelter: f.is_shelter,
        status: f.status,
        policy: planned?.policy ?? 'standard',
        policy_year: planned?.policy_year ?? null,
        consolidate_into: planned?.consolidate_into ?? null,
        planned_year: null,
        planned_area_m2: null,
        planned_structure: null
      };
    }),
    ...plan.newFacilities.map((n) => {
      const [lon, lat] = toLonLat(n.xy);
      const site = facilities.find((f) => f.code === n.members[0])!;
      return {
        code: n.code,
        name: n.name,
        category: 'civic_culture' as const,
        subcategory: 'complex_facility',
        address: site.address,
        lon,
        lat,
        yearly_users: null,
        running_cost_yen: null,
        is_shelter: 1,
        status: 'planned',
        policy: 'standard',
        policy_year: null,
        consolidate_into: null,
        planned_year: n.year,
        planned_area_m2: n.area,
        planned_structure: n.structure
      };
    })
  ];
}

/** The city's settings: its name, population, centre, as-of year, investment, demolition cost. */
function citySettings(seed: number): DemoCity['settings'] {
  return {
    city_name_ja: 'デモ市（架空）',
    city_name_en: 'Demo City (synthetic)',
    city_synthetic: '1',
    city_population: String(DEMO_POPULATION),
    city_center: JSON.stringify(toLonLat([0, -1_500])),
    demo_seed: String(seed),
    data_as_of_year: String(DEMO_AS_OF_YEAR),
    // Recent annual investment in renewals (yen): synthetic, set to about 1/1.8 of the demo
    // city's 40-year average need under the national method, the gap many plans report.
    recent_investment_yen: String(DEMO_RECENT_INVESTMENT_YEN),
    demolition_cost_yen_per_m2: String(DEMO_DEMOLITION_YEN_PER_M2)
  };
}

/** Generates the whole demo city from `seed`. Pure: no I/O, no clock. */
export function generateDemoCity(seed: number = DEFAULT_DEMO_SEED): DemoCity {
  const random = new Random(seed);
  const land = generateLand(random.fork(11));
  const { facilities, buildings } = generateFacilities(random.fork(12), land, {
    asOfYear: DEMO_AS_OF_YEAR
  });
  const infrastructure = generateInfrastructure(random.fork(13), land, {
    asOfYear: DEMO_AS_OF_YEAR
  });
  const plan = planDemoCity(facilities, buildings, DEMO_AS_OF_YEAR);
  const assets: DemoAssetRecord[] = [];
  const inspections: DemoInspectionRecord[] = [];
  buildingRecords(buildings, assets, inspections);
  infrastructureRecords(infrastructure, assets, inspections);
  for (const a of assets) Object.assign(a, ledgerColumns(a));
  const classOf = new Map(assets.map((a) => [a.code, a.asset_class]));
  inspections.unshift(...earlierInspections(random.fork(15), inspections, classOf));
  const { basemap, boundaryRing } = basemapOf(land);
  return {
    seed,
    settings: { ...citySettings(seed), targets: JSON.stringify(demoTargets(buildings)) },
    facilities: facilityRecords(facilities, plan),
    assets,
    inspections,
    hazardZones: floodZones(land.waterways, boundaryRing),
    basemap,
    history: demoHistory(random.fork(14), facilities, buildings, plan),
    population: demoPopulation(boundaryRing),
    usage: demoUsage(random.fork(16), facilityRecords(facilities, plan), DEMO_AS_OF_YEAR)
  };
}

/**
 * Flood inundation zones (洪水浸水想定区域) along the rivers where they cross the plain: a deep band
 * beside the channel and shallower bands further out, clipped to the city.
 */
function floodZones(
  waterways: ReturnType<typeof generateLand>['waterways'],
  boundaryRing: [number, number][]
): DemoAreaRecord[] {
  const city = polygon([boundaryRing]);
  const bands = [
    { level: '0.5m未満', min: 0, max: 0.5, main: 1_300, tributary: 450 },
    { level: '0.5〜3.0m', min: 0.5, max: 3, main: 750, tributary: 220 },
    { level: '3.0〜5.0m', min: 3, max: 5, main: 260, tributary: 0 }
  ];
  const zones: DemoAreaRecord[] = [];
  for (const river of waterways.filter((w) => w.kind === 'river')) {
    // Only the reaches in the plain flood (north of y = 1,500 m the valley is steep).
    const reach = river.points.filter((p) => p[1] < 1_500);
    if (reach.length < 2) continue;
    for (const band of bands) {
      const width = river.rank === 1 ? band.main : band.tributary;
      if (width === 0) continue;
      const zone = buffer(lineString(reach.map(toLonLat)), width, { units: 'meters', steps: 6 });
      if (!zone) continue;
      const clipped = intersect(featureCollection([zone as Feature<Polygon | MultiPolygon>, city]));
      if (!clipped) continue;
      zones.push({
        kind: 'flood',
        level: band.level,
        depth_min_m: band.min,
        depth_max_m: band.max,
        name: `${river.name} 洪水浸水想定区域 ${band.level}`,
        source: 'synthetic (demo city)',
        geometry: roundGeometry(clipped.geometry)
      });
    }
  }
  return zones;
}

function roundGeometry(geometry: Polygon | MultiPolygon): Geometry {
  const r = (c: number[]) => [round(c[0]!, 7), round(c[1]!, 7)];
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: geometry.coordinates.map((ring) => ring.map(r)) }
    : {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((p) => p.map((ring) => ring.map(r)))
      };
}

/**
 * The demo's numeric targets, as a 総合管理計画 of its kind states them (synthetic): floor area
 * 20 % less by FY2055 than in FY2016 (then 4 % more than today's: the demo's invented figure),
 * buildings graded C or D at most 30 % by FY2035, the backlog cleared by FY2040.
 */
function demoTargets(buildings: readonly { area: number }[]) {
  const now = buildings.reduce((s, b) => s + b.area, 0);
  return [
    {
      kind: 'floor_area',
      baseYear: 2016,
      baseArea: Math.round(now * 1.04),
      targetYear: 2055,
      changePercent: -20
    },
    { kind: 'poor_share', targetYear: 2035, maxPercent: 30 },
    { kind: 'backlog', targetYear: 2040 }
  ];
}
