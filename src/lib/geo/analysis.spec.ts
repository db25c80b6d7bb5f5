import type { Feature, Point, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { consolidationCandidates, featuresInArea, hazardExposure, withinReach } from './analysis';

const point = (code: string, lon: number, lat: number): Feature<Point, { code: string }> => ({
  type: 'Feature',
  properties: { code },
  geometry: { type: 'Point', coordinates: [lon, lat] }
});
const square = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s]
    ]
  ]
});

describe('features in a drawn area', () => {
  it('keeps points inside and lines that cross it, in order', () => {
    const area = square(138.25, 34.85, 138.26, 34.86);
    const features: Feature[] = [
      point('in', 138.255, 34.855),
      point('out', 138.27, 34.855),
      {
        type: 'Feature',
        properties: { code: 'crossing' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [138.24, 34.855],
            [138.27, 34.855]
          ]
        }
      },
      {
        type: 'Feature',
        properties: { code: 'beside' },
        geometry: {
          type: 'LineString',
          coordinates: [
            [138.24, 34.87],
            [138.27, 34.87]
          ]
        }
      },
      { type: 'Feature', properties: { code: 'unplaced' }, geometry: null as never }
    ];
    expect(featuresInArea(features, area).map((f) => f.properties!.code)).toEqual([
      'in',
      'crossing'
    ]);
  });
});

describe('within reach of a facility', () => {
  it('lists what lies within the distance, nearest first, with the distance (PROJ geod values)', () => {
    const centre = [138.25, 34.85];
    const near = point('north-1109m', 138.25, 34.86);
    const east = point('east-915m', 138.26, 34.85);
    const far = point('far', 138.3, 34.9);
    const reached = withinReach(centre, [near, far, east], 1000);
    expect(reached.map((r) => r.feature.properties.code)).toEqual(['east-915m']);
    expect(reached[0]!.metres).toBeCloseTo(914.544, 2);
    expect(
      withinReach(centre, [near, far, east], 1200).map((r) => r.feature.properties.code)
    ).toEqual(['east-915m', 'north-1109m']);
  });
});

describe('consolidation candidates (複合化)', () => {
  // Along a parallel at 34.85°N, 0.001° of longitude ≈ 91.45 m.
  const at = (code: string, category: string, k: number) => ({
    code,
    category,
    lon: 138.25 + k * 0.001,
    lat: 34.85
  });
  it('groups facilities of the same or compatible category linked within the distance', () => {
    const facilities = [
      at('S1', 'school', 0),
      at('S2', 'school', 3), // ≈ 274 m from S1
      at('S3', 'school', 6), // ≈ 274 m from S2, ≈ 549 m from S1: linked through S2
      at('C1', 'childcare', 7.5), // ≈ 137 m from S3, compatible with schools
      at('H1', 'civic_culture', 1), // near S1 but not compatible
      at('L1', 'social_education', 2), // ≈ 91 m from H1: compatible with it
      at('S9', 'school', 40) // far from everything
    ];
    const groups = consolidationCandidates(facilities, 300);
    expect(groups.map((g) => g.members.map((m) => m.code))).toEqual([
      ['S1', 'S2', 'S3', 'C1'],
      ['H1', 'L1']
    ]);
    expect(groups[0]!.longestLinkMetres).toBeGreaterThan(270);
    expect(groups[0]!.longestLinkMetres).toBeLessThan(300);
    expect(consolidationCandidates(facilities, 50)).toEqual([]);
  });
});

describe('hazard exposure', () => {
  it('names the zones each asset lies in, and leaves out those in none', () => {
    const zones: Feature<Polygon, { level: string }>[] = [
      {
        type: 'Feature',
        properties: { level: '0.5-3m' },
        geometry: square(138.25, 34.85, 138.26, 34.86)
      },
      {
        type: 'Feature',
        properties: { level: '3-5m' },
        geometry: square(138.255, 34.85, 138.26, 34.855)
      }
    ];
    const exposure = hazardExposure(
      [
        point('deep', 138.257, 34.852),
        point('shallow', 138.251, 34.859),
        point('dry', 138.3, 34.9)
      ],
      zones
    );
    expect(exposure.map((e) => [e.feature.properties.code, e.levels])).toEqual([
      ['deep', ['0.5-3m', '3-5m']],
      ['shallow', ['0.5-3m']]
    ]);
  });
});
