/**
 * The demo city's population in the 2020 census year, on the standard 1 km grid (地域メッシュ
 * 3次メッシュ: 30″ of latitude × 45″ of longitude, coded as the national statistics code them) —
 * synthetic and labelled so: about 146,000 people, denser near the centre, older towards the hills,
 * by sex and five-year age group shaped like a Japanese city's 2020 pyramid.
 */
import { CITY_CENTER, insideRing, type LonLat } from './demo-city-land';
import { AGE_GROUPS, type Cohorts } from '../engine/population';

export const DEMO_CENSUS_YEAR = 2020;
const DEMO_CENSUS_TOTAL = 146_000;

/** Share of each five-year group in a Japanese city's 2020 population (both sexes, ≈ 100 %). */
const PYRAMID = [
  3.6, 4.0, 4.3, 4.5, 5.0, 5.0, 5.3, 6.0, 6.8, 7.7, 6.9, 6.3, 5.9, 7.0, 7.4, 5.6, 4.5, 4.8
];
/** An older pyramid (hill villages): fewer children and young adults, more over 65. */
const OLDER = PYRAMID.map((v, g) => v * (g < 4 ? 0.6 : g < 9 ? 0.75 : g < 13 ? 1 : 1.45));

/** The 3次メッシュ code of a point, and its cell's south-west corner. */
export function meshOf(lon: number, lat: number): { code: string; south: number; west: number } {
  const latMin = lat * 60;
  const p = Math.floor(latMin / 40);
  const q = Math.floor((latMin - p * 40) / 5);
  const r = Math.floor(((latMin - p * 40 - q * 5) * 60) / 30);
  const u = Math.floor(lon - 100);
  const lonMin = (lon - 100 - u) * 60;
  const v = Math.floor(lonMin / 7.5);
  const w = Math.floor(((lonMin - v * 7.5) * 60) / 45);
  return {
    code: `${p}${u}${q}${v}${r}${w}`,
    south: (p * 40 + q * 5 + r * 0.5) / 60,
    west: 100 + u + (v * 7.5 + w * 0.75) / 60
  };
}
const CELL_LAT = 0.5 / 60;
const CELL_LON = 0.75 / 60;

export interface DemoPopulationArea {
  code: string;
  name: string;
  kind: 'mesh1km';
  year: number;
  counts: Cohorts;
  lon: number;
  lat: number;
  geometry: { type: 'Polygon'; coordinates: LonLat[][] };
}

/** The cells whose centre lies in the city, with their people. */
export function demoPopulation(boundary: readonly LonLat[]): DemoPopulationArea[] {
  const lons = boundary.map((p) => p[0]);
  const lats = boundary.map((p) => p[1]);
  const start = meshOf(Math.min(...lons), Math.min(...lats));
  const cells: {
    code: string;
    lon: number;
    lat: number;
    south: number;
    west: number;
    km: number;
  }[] = [];
  for (let south = start.south; south < Math.max(...lats); south += CELL_LAT)
    for (let west = start.west; west < Math.max(...lons); west += CELL_LON) {
      const lon = west + CELL_LON / 2;
      const lat = south + CELL_LAT / 2;
      if (!insideRing([lon, lat], boundary)) continue;
      const dx = (lon - CITY_CENTER.lon) * 91.3; // km per degree of longitude at 35° N
      const dy = (lat - CITY_CENTER.lat) * 111.0;
      cells.push({ code: meshOf(lon, lat).code, lon, lat, south, west, km: Math.hypot(dx, dy) });
    }
  const weights = cells.map((c) => Math.exp(-c.km / 2.5) + 0.02);
  const sum = weights.reduce((a, b) => a + b, 0);
  return cells.map((c, k) => {
    const people = (DEMO_CENSUS_TOTAL * weights[k]!) / sum;
    const old = Math.min(1, c.km / 9);
    const shares = PYRAMID.map((v, g) => v * (1 - old) + OLDER[g]! * old);
    const all = shares.reduce((a, b) => a + b, 0);
    const counts: Cohorts = { m: [], f: [] };
    for (let g = 0; g < AGE_GROUPS; g++) {
      const n = (people * shares[g]!) / all;
      const women = g >= 15 ? 0.6 : g >= 13 ? 0.53 : 0.49;
      counts.f.push(Math.round(n * women * 10) / 10);
      counts.m.push(Math.round(n * (1 - women) * 10) / 10);
    }
    const ring: LonLat[] = [
      [c.west, c.south],
      [c.west + CELL_LON, c.south],
      [c.west + CELL_LON, c.south + CELL_LAT],
      [c.west, c.south + CELL_LAT],
      [c.west, c.south]
    ];
    return {
      code: c.code,
      name: `メッシュ ${c.code}`,
      kind: 'mesh1km',
      year: DEMO_CENSUS_YEAR,
      counts,
      lon: c.lon,
      lat: c.lat,
      geometry: { type: 'Polygon', coordinates: [ring] }
    };
  });
}
