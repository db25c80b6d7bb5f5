import { describe, expect, it } from 'vitest';
import { findPlaces, gazetteer, normalizeAddress, placeOf, reachFrom } from './district';

describe('addresses as a city writes them', () => {
  it.each([
    ['デモ市志太4丁目10-1', { town: '志太', chome: 4 }],
    ['静岡県デモ市志太４丁目１０番１号', { town: '志太', chome: 4 }],
    ['志太四丁目', { town: '志太', chome: 4 }],
    ['志太十二丁目', { town: '志太', chome: 12 }],
    ['志太二十三丁目', { town: '志太', chome: 23 }],
    ['志太4-10-1', { town: '志太', chome: 4 }],
    ['　デモ市 志太 4-10 ', { town: '志太', chome: 4 }],
    ['東京都千代田区丸の内1丁目', { town: '丸の内', chome: 1 }],
    ['デモ市大字山田123番地', { town: '山田', chome: null }],
    ['デモ市大字山田字上ノ原45', { town: '山田', chome: null }],
    ['緑町', { town: '緑町', chome: null }]
  ])('%s → %o', (address, place) => {
    expect(placeOf(address)).toEqual(place);
  });

  it('drops the prefecture, county, city and ward, and keeps a town that ends in 市 or 区 alone', () => {
    expect(normalizeAddress('静岡県榛原郡吉田町住吉１丁目')).toBe('住吉1丁目');
    expect(normalizeAddress('市場')).toBe('市場');
    expect(placeOf('')).toBeNull();
  });
});

const facilities = [
  { address: 'デモ市志太4丁目10-1', lon: 138.0, lat: 35.0 },
  { address: 'デモ市志太4丁目2-3', lon: 138.02, lat: 35.02 },
  { address: 'デモ市志太3丁目1-1', lon: 138.1, lat: 35.1 },
  { address: 'デモ市緑町2丁目24-2', lon: 138.2, lat: 35.2 },
  { address: null, lon: 1, lat: 1 },
  { address: 'デモ市末広1丁目', lon: null, lat: null }
];

describe('the city’s places', () => {
  const places = gazetteer(facilities, [
    { code: '52381149', name: 'メッシュ 52381149', kind: 'mesh1km', lon: 0, lat: 0 },
    { code: '221000010', name: '緑町二丁目', kind: 'town', lon: 138.25, lat: 35.25 }
  ]);

  it('puts each town and 丁目 at the mean of its facilities; a named area at its own point', () => {
    expect(places.map((p) => p.key)).toEqual([
      '志太',
      '志太3丁目',
      '志太4丁目',
      '緑町',
      '緑町2丁目'
    ]);
    const shida4 = places.find((p) => p.key === '志太4丁目')!;
    expect(shida4.lon).toBeCloseTo(138.01, 10);
    expect(shida4.lat).toBeCloseTo(35.01, 10);
    expect(shida4.from).toEqual({ facilities: 2 });
    expect(places.find((p) => p.key === '志太')!.from).toEqual({ facilities: 3 });
    expect(places.find((p) => p.key === '緑町2丁目')).toMatchObject({
      lon: 138.25,
      from: { area: '221000010' }
    });
  });

  it('finds the 丁目 an address names, else its town, else the places holding what was typed', () => {
    expect(findPlaces(places, '志太四丁目5-6').map((p) => p.key)).toEqual(['志太4丁目']);
    expect(findPlaces(places, 'デモ市志太9丁目').map((p) => p.key)).toEqual(['志太']);
    expect(findPlaces(places, '緑').map((p) => p.key)).toEqual(['緑町', '緑町2丁目']);
    expect(findPlaces(places, '存在しない町')).toEqual([]);
    expect(findPlaces(places, '   ')).toEqual([]);
  });
});

describe('reach from a place', () => {
  // Two schools 1.11 km and 2.22 km north of the point (0.01° and 0.02° of latitude); the
  // nearer closes in 2030 (the plan), and a third opens in 2030 at 3.34 km.
  const points = new Map([
    [
      'elementary',
      [
        { facility: 'A', lon: 138, lat: 35.01, from: -Infinity, until: 2030 },
        { facility: 'B', lon: 138, lat: 35.02, from: -Infinity, until: Infinity },
        { facility: 'C', lon: 138, lat: 35.03, from: 2030, until: Infinity }
      ]
    ]
  ]);
  const services = [
    { id: 'elementary', limit: 4_000 },
    { id: 'library', limit: 5_000 }
  ];

  it('lists the nearest open now and in the plan’s year, nearest first', () => {
    const [school, library] = reachFrom({ lon: 138, lat: 35 }, points, services, [2026, 2035]);
    expect(school!.now.map((n) => n.facility)).toEqual(['A', 'B']);
    expect(school!.planned.map((n) => n.facility)).toEqual(['B', 'C']);
    // 0.01° of latitude is 1,111.95 m on the equirectangular approximation.
    expect(school!.now[0]!.distance).toBeCloseTo(1_111.95, 1);
    expect(school!.planned[1]!.distance).toBeCloseTo(3_335.85, 1);
    expect(library).toEqual({ service: 'library', limit: 5_000, now: [], planned: [] });
  });

  it('keeps at most `count` of each', () => {
    const [school] = reachFrom({ lon: 138, lat: 35 }, points, services, [2026, 2026], 1);
    expect(school!.now).toHaveLength(1);
  });
});
