/**
 * "My district" (わたしの地区): a citizen types an address or picks a town, and sees the facilities
 * within reach. With no geocoding service, the places are the city's own: each town (町・大字) and
 * 丁目 that facilities' addresses name (at the mean position of the facilities there) and the
 * census small areas with names; an address is matched to the most precise place it names. The
 * nearest facilities offering each service are then found now and under the plan (straight-line
 * distance from the place's point).
 */
import { metres, type ServicePoint } from './engine/access';

export interface Place {
  /** The town and, when known, the 丁目: 志太4丁目, 志太. */
  key: string;
  lon: number;
  lat: number;
  /** Where the point comes from: facilities' addresses there (how many), or a census area. */
  from: { facilities: number } | { area: string };
}

const KANJI: Record<string, number> = {
  〇: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9
};

/** A number written in kanji up to 99 (十, 二十三, 四) as digits; other text unchanged. */
function kanjiNumber(text: string): string {
  const m = /^([一二三四五六七八九]?)(十?)([〇一二三四五六七八九]?)$/.exec(text);
  if (!m || text === '') return text;
  const tens = m[2] ? (m[1] ? KANJI[m[1]]! : 1) : 0;
  const ones = m[3] ? KANJI[m[3]]! : m[2] ? 0 : m[1] ? KANJI[m[1]]! : 0;
  return String(tens * 10 + ones);
}

/**
 * An address as places are keyed: full-width made half-width, spaces gone, the prefecture, county,
 * city and ward dropped (so 「静岡県デモ市志太４丁目10-1」 and 「志太四丁目」 meet), 丁目 in
 * digits, and 「志太4-10-1」 read as 志太4丁目.
 */
export function normalizeAddress(address: string): string {
  let s = address.normalize('NFKC').replace(/\s+/g, '');
  s = s.replace(/^.{2,3}?[都道府県](?=.)/, '');
  // A town or village of a county (榛原郡吉田町) goes with its county.
  s = s.replace(/^.+?郡.+?[町村](?=.)/, '');
  s = s.replace(/^.+?市(?=.)/, '');
  s = s.replace(/^.+?区(?=.)/, '');
  s = s.replace(/^大字/, '');
  s = s.replace(/([〇一二三四五六七八九十]+)丁目/, (_, n: string) => `${kanjiNumber(n)}丁目`);
  // 「志太4-10-1」「志太4の10」: the first number after the town is its 丁目.
  s = s.replace(/^([^\d]+?)(\d+)(?:-|ー|‐|−|の)\d.*$/, '$1$2丁目');
  return s;
}

/** The town and 丁目 an address names: 志太4丁目 → { town: 志太, chome: 4 }; null when none. */
export function placeOf(address: string): { town: string; chome: number | null } | null {
  const s = normalizeAddress(address);
  const chome = /^([^\d]+?)(\d+)丁目/.exec(s);
  if (chome) return { town: chome[1]!, chome: Number(chome[2]) };
  // 山田123, 山田字上ノ原45: the town is what comes before the number, or before its 字.
  const town = /^([^\d字]+)(?:字[^\d]*)?\d/.exec(s) ?? /^([^\d]+)$/.exec(s);
  return town ? { town: town[1]!, chome: null } : null;
}

/**
 * The places of a city: each town and 丁目 its facilities' addresses name, at the mean of their
 * positions, and each named census area at its point (an area's own name wins over the mean of
 * facilities for the same key).
 */
export function gazetteer(
  facilities: readonly { address: string | null; lon: number | null; lat: number | null }[],
  areas: readonly { code: string; name: string; kind: string; lon: number; lat: number }[] = []
): Place[] {
  const sums = new Map<string, { lon: number; lat: number; n: number }>();
  const add = (key: string, lon: number, lat: number) => {
    const s = sums.get(key) ?? { lon: 0, lat: 0, n: 0 };
    s.lon += lon;
    s.lat += lat;
    s.n += 1;
    sums.set(key, s);
  };
  for (const f of facilities) {
    if (!f.address || f.lon === null || f.lat === null) continue;
    const p = placeOf(f.address);
    if (!p) continue;
    add(p.town, f.lon, f.lat);
    if (p.chome !== null) add(`${p.town}${p.chome}丁目`, f.lon, f.lat);
  }
  const places = new Map<string, Place>();
  for (const [key, s] of sums)
    places.set(key, { key, lon: s.lon / s.n, lat: s.lat / s.n, from: { facilities: s.n } });
  for (const a of areas) {
    // A mesh has a number, not a name a citizen would type.
    if (a.kind.startsWith('mesh')) continue;
    const p = placeOf(a.name);
    if (!p) continue;
    const key = p.chome === null ? p.town : `${p.town}${p.chome}丁目`;
    places.set(key, { key, lon: a.lon, lat: a.lat, from: { area: a.code } });
  }
  return [...places.values()].sort((a, b) => a.key.localeCompare(b.key, 'ja', { numeric: true }));
}

/**
 * The places an address or a name may mean: the one it names exactly (its 丁目 if the city has
 * it, else its town), or else every place whose name holds what was typed (at most `max`).
 */
export function findPlaces(places: readonly Place[], query: string, max = 30): Place[] {
  const p = placeOf(query);
  const byKey = new Map(places.map((x) => [x.key, x]));
  if (p) {
    const exact =
      (p.chome !== null ? byKey.get(`${p.town}${p.chome}丁目`) : undefined) ?? byKey.get(p.town);
    if (exact) return [exact];
  }
  const typed = normalizeAddress(query);
  if (!typed) return [];
  return places.filter((x) => x.key.includes(typed) || typed.includes(x.key)).slice(0, max);
}

export interface Nearby {
  facility: string;
  /** Metres, straight line. */
  distance: number;
}

export interface ServiceReach {
  service: string;
  /** The service's distance (m): beyond it a resident counts as without it. */
  limit: number;
  /** The nearest facilities offering it open in the first year, and in the plan's year. */
  now: Nearby[];
  planned: Nearby[];
}

/**
 * For each service, the `count` nearest facilities offering it that are open in `years[0]` (now)
 * and in `years[1]` (under the plan), from the point.
 */
export function reachFrom(
  point: { lon: number; lat: number },
  points: ReadonlyMap<string, readonly (ServicePoint & { facility: string })[]>,
  services: readonly { id: string; limit: number }[],
  years: readonly [number, number],
  count = 3
): ServiceReach[] {
  const nearest = (list: readonly (ServicePoint & { facility: string })[], year: number) =>
    list
      .filter((p) => p.from <= year && year < p.until)
      .map((p) => ({ facility: p.facility, distance: metres(point.lon, point.lat, p.lon, p.lat) }))
      .sort((a, b) => a.distance - b.distance || a.facility.localeCompare(b.facility))
      .slice(0, count);
  return services.map((s) => {
    const list = points.get(s.id) ?? [];
    return {
      service: s.id,
      limit: s.limit,
      now: nearest(list, years[0]),
      planned: nearest(list, years[1])
    };
  });
}
