/**
 * Coordinate reference systems of Japanese GIS files, converted to lon/lat for storage:
 * WGS84 (EPSG:4326) and JGD2011 geographic (EPSG:6668) are taken as they are (they differ by
 * centimetres), and the plane rectangular coordinate system 平面直角座標系 zones I–XIX on JGD2011
 * (EPSG:6669–6687: transverse Mercator, scale 0.9999 at the zone's origin, GRS80) via proj4.
 * Planar coordinates are read as [easting, northing] (GeoJSON's x, y order; the survey's "Y, X").
 *
 * Detection from value ranges: coordinates inside Japan's lon/lat box are lon/lat; planar metres
 * are tried in every zone and the zone that puts them nearest the city (its centre setting) wins,
 * if within 60 km; otherwise the user must say which zone.
 */
import proj4 from 'proj4';

/** Origins of zones I–XIX (latitude, longitude in degrees), 国土交通省告示第九号. */
const ZONE_ORIGINS: [number, number][] = [
  [33, 129.5],
  [33, 131],
  [36, 132 + 1 / 6],
  [33, 133.5],
  [36, 134 + 1 / 3],
  [36, 136],
  [36, 137 + 1 / 6],
  [36, 138.5],
  [36, 139 + 5 / 6],
  [40, 140 + 5 / 6],
  [44, 140.25],
  [44, 142.25],
  [44, 144.25],
  [26, 142],
  [26, 127.5],
  [26, 124],
  [26, 131],
  [20, 136],
  [26, 154]
];
/** The zones' numerals, I–XIX. */
export const ROMAN = [
  'I',
  'II',
  'III',
  'IV',
  'V',
  'VI',
  'VII',
  'VIII',
  'IX',
  'X',
  'XI',
  'XII',
  'XIII',
  'XIV',
  'XV',
  'XVI',
  'XVII',
  'XVIII',
  'XIX'
];

export const LON_LAT_CODES = ['EPSG:4326', 'EPSG:6668', 'CRS84'];
export const PLANE_ZONE_CODES = ZONE_ORIGINS.map((_, k) => `EPSG:${6669 + k}`);

/** The proj4 definition of a plane rectangular zone code (EPSG:6669–6687), or null. */
export function planeZoneDefinition(code: string): string | null {
  const k = PLANE_ZONE_CODES.indexOf(code.toUpperCase());
  if (k < 0) return null;
  const [lat0, lon0] = ZONE_ORIGINS[k]!;
  return `+proj=tmerc +lat_0=${lat0} +lon_0=${lon0} +k=0.9999 +x_0=0 +y_0=0 +ellps=GRS80 +units=m +no_defs`;
}

/** "EPSG:6676 (平面直角座標系 VIII)" for messages. */
export function describeCrs(code: string): string {
  const k = PLANE_ZONE_CODES.indexOf(code.toUpperCase());
  return k >= 0 ? `${PLANE_ZONE_CODES[k]} (平面直角座標系 ${ROMAN[k]})` : code;
}

/** Normalises what a user or a GeoJSON "crs" member names: 6676, EPSG:6676, urn:ogc:def:crs:EPSG::6676. */
export function normalizeCrs(name: string): string | null {
  const s = name.trim();
  if (/crs84$/i.test(s)) return 'EPSG:4326';
  const m = /(?:EPSG)?:{0,2}(\d{4,5})$/i.exec(s);
  if (!m) return null;
  const number = Number(m[1]);
  // JGD2000's zones I–XIX (EPSG:2443–2461) are read as their JGD2011 twins (same origins and
  // ellipsoid; see io/shapefile.ts), JGD2000 lon/lat (EPSG:4612) as lon/lat.
  if (number >= 2443 && number <= 2461) return `EPSG:${6669 + number - 2443}`;
  if (number === 4612) return 'EPSG:4326';
  const code = `EPSG:${number}`;
  return LON_LAT_CODES.includes(code) || PLANE_ZONE_CODES.includes(code) ? code : null;
}

/** A converter from `code` to lon/lat, or null for a code Hozen does not know. */
export function toLonLat(code: string): ((x: number, y: number) => [number, number]) | null {
  if (LON_LAT_CODES.includes(code)) return (x, y) => [x, y];
  const definition = planeZoneDefinition(code);
  if (!definition) return null;
  const converter = proj4(definition, 'EPSG:4326');
  return (x, y) => converter.forward([x, y]) as [number, number];
}

/** Whether coordinates look like lon/lat in and around Japan. */
export function looksLikeLonLat(points: readonly [number, number][]): boolean {
  return points.length > 0 && points.every(([x, y]) => x >= 120 && x <= 155 && y >= 20 && y <= 46);
}

const distanceKm = ([lon1, lat1]: [number, number], [lon2, lat2]: [number, number]) => {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad * Math.cos(((lat1 + lat2) / 2) * rad);
  return 6371 * Math.sqrt(dLat * dLat + dLon * dLon);
};

/**
 * The CRS of sample coordinates: lon/lat, or the plane zone nearest `cityCenter` (lon, lat).
 * @returns the code, or a reason it cannot tell.
 */
export function detectCrs(
  points: readonly [number, number][],
  cityCenter: [number, number] | null
): { ok: true; code: string } | { ok: false; reason: string; reasonJa: string } {
  const cannot = (reasonJa: string, reason: string) => ({ ok: false as const, reason, reasonJa });
  if (points.length === 0)
    return cannot('座標系を判断する座標がありません', 'no coordinates to tell the CRS from');
  if (looksLikeLonLat(points)) return { ok: true, code: 'EPSG:4326' };
  if (!points.every(([x, y]) => Math.abs(x) < 1_000_000 && Math.abs(y) < 1_000_000))
    return cannot(
      '座標が日本の経緯度でも平面直角座標（メートル）でもありません',
      'the coordinates are neither lon/lat in Japan nor plane rectangular metres'
    );
  if (!cityCenter)
    return cannot(
      '平面直角座標です。系を「座標系」で選んでください（市の中心が設定されていないため推定できません）',
      'plane rectangular coordinates: say which zone (--crs EPSG:6669…6687); the city has no centre setting to guess from'
    );
  const mean: [number, number] = [
    points.reduce((s, p) => s + p[0], 0) / points.length,
    points.reduce((s, p) => s + p[1], 0) / points.length
  ];
  let best: { code: string; km: number } | null = null;
  for (const code of PLANE_ZONE_CODES) {
    const km = distanceKm(toLonLat(code)!(mean[0], mean[1]), cityCenter);
    if (!best || km < best.km) best = { code, km };
  }
  if (best && best.km <= 60) return { ok: true, code: best.code };
  const km = best!.km.toFixed(0);
  return cannot(
    `平面直角座標ですが、どの系でも市から 60 km 以内に入りません（最も近いのは ${describeCrs(best!.code)}、${km} km）。系を「座標系」で選んでください`,
    `plane rectangular coordinates, but no zone puts them within 60 km of the city (nearest: ${describeCrs(best!.code)}, ${km} km); say which zone with --crs`
  );
}
