/**
 * A synthetic metropolis for the map benchmark and for trying Hozen at the scale of a large city:
 * demo cities of different seeds laid side by side on a grid (each keeps its own boundary, rivers,
 * flood zones, facilities and networks), with codes prefixed by their district (`D2-F0012`) so
 * that they stay unique. As many districts as it takes to reach the asked number of assets.
 */
import type { Geometry, Position } from 'geojson';
import { generateDemoCity, type DemoCity } from './demo-city';

/** Degrees between districts: a demo city spans about 0.26° of longitude and 0.22° of latitude. */
const STEP = { lon: 0.3, lat: 0.25 } as const;

function shift(geometry: Geometry, dLon: number, dLat: number): Geometry {
  const move = (c: unknown): unknown =>
    typeof (c as unknown[])[0] === 'number'
      ? [(c as Position)[0]! + dLon, (c as Position)[1]! + dLat]
      : (c as unknown[]).map(move);
  return {
    ...geometry,
    coordinates: move((geometry as { coordinates: unknown }).coordinates)
  } as Geometry;
}

/** At least `assets` assets in whole demo-city districts generated from `seed`, `seed + 1`, …. */
export function generateSyntheticMetro(assets: number, seed: number): DemoCity {
  const districts: DemoCity[] = [];
  let total = 0;
  while (total < assets) {
    const city = generateDemoCity(seed + districts.length);
    districts.push(city);
    total += city.assets.length;
  }
  const columns = Math.ceil(Math.sqrt(districts.length));
  const metro: DemoCity = {
    seed,
    settings: districts[0]!.settings,
    facilities: [],
    assets: [],
    inspections: [],
    hazardZones: [],
    basemap: [],
    history: { plan: districts[0]!.history.plan, items: [], actuals: [] },
    // The districts are copies of one city moved on the map: no census grid of their own.
    population: [],
    usage: []
  };
  districts.forEach((city, k) => {
    const dLon = (k % columns) * STEP.lon;
    const dLat = -Math.floor(k / columns) * STEP.lat;
    const code = (c: string) => `D${k + 1}-${c}`;
    for (const f of city.facilities)
      metro.facilities.push({ ...f, code: code(f.code), lon: f.lon + dLon, lat: f.lat + dLat });
    for (const a of city.assets)
      metro.assets.push({
        ...a,
        code: code(a.code),
        facility_code: a.facility_code ? code(a.facility_code) : null,
        geometry: shift(a.geometry, dLon, dLat)
      });
    for (const i of city.inspections)
      metro.inspections.push({ ...i, asset_code: code(i.asset_code) });
    for (const z of city.hazardZones)
      metro.hazardZones.push({ ...z, geometry: shift(z.geometry, dLon, dLat) });
    for (const b of city.basemap)
      metro.basemap.push({ ...b, geometry: shift(b.geometry, dLon, dLat) });
    // Each district's plan and works done, in one plan of the metro.
    const offset = metro.history.items.length;
    const orNull = (c: string | null) => (c === null ? null : code(c));
    for (const item of city.history.items)
      metro.history.items.push({
        ...item,
        facility_code: orNull(item.facility_code),
        asset_code: orNull(item.asset_code),
        into_facility: orNull(item.into_facility)
      });
    for (const a of city.history.actuals)
      metro.history.actuals.push({
        ...a,
        asset_code: code(a.asset_code),
        plan_item: a.plan_item === null ? null : a.plan_item + offset
      });
  });
  return metro;
}

/**
 * The city with its plan and its works done topped up to `count` each (the benchmarks' load of a
 * large city's 個別施設計画): asset-level repairs and renovations over FY2027–2046 and repairs done
 * over FY2021–2025, on its buildings and bridges in turn. Deterministic.
 */
export function withPlanLoad(city: DemoCity, count: number): DemoCity {
  const targets = city.assets.filter(
    (a) => a.asset_class === 'building' || a.asset_class === 'bridge'
  );
  if (!targets.length) return city;
  const items = [...city.history.items];
  const actuals = [...city.history.actuals];
  for (let k = 0; items.length < count; k++) {
    const a = targets[k % targets.length]!;
    items.push({
      facility_code: null,
      asset_code: a.code,
      action: k % 3 === 0 ? 'renovation' : 'repair',
      fiscal_year: 2027 + (k % 20),
      status: 'planned',
      into_facility: null,
      reason: '負荷試験用の措置（合成）'
    });
  }
  for (let k = 0; actuals.length < count; k++) {
    const a = targets[(k * 7) % targets.length]!;
    const fy = 2021 + (k % 5);
    actuals.push({
      asset_code: a.code,
      work_type: 'repair',
      completed_on: `${fy + 1}-02-${String(1 + (k % 28)).padStart(2, '0')}`,
      fiscal_year: fy,
      cost_yen: 1_000_000 + (k % 50) * 100_000,
      contractor: '負荷試験',
      note: '負荷試験用の実績（合成）',
      plan_item: null
    });
  }
  return { ...city, history: { ...city.history, items, actuals } };
}
