import { describe, expect, it } from 'vitest';
import { fitView, linesPath, mapPoints, ringPath } from './svg-view';

describe('a view fitted to the points', () => {
  it('puts the extent in the frame with a 10-unit margin, north up, in true shape', () => {
    // Centred on the equator a degree is as wide as it is tall: a 2° × 1° extent in 220 × 220.
    const at = fitView(
      [
        [0, -0.5],
        [2, 0.5]
      ],
      220,
      220
    )!;
    expect(at(0, 0.5)).toEqual([10, 60]);
    expect(at(2, -0.5)).toEqual([210, 160]);
    expect(
      ringPath(
        [
          [0, -0.5],
          [2, -0.5],
          [2, 0.5]
        ],
        at
      )
    ).toBe('M10.0,160.0L210.0,160.0L210.0,60.0Z');
  });

  it('draws nothing without points', () => {
    expect(fitView([], 100, 100)).toBeNull();
  });
});

describe('lines at the view’s size', () => {
  // 1° = 100 units: points within a unit of each other merge.
  const at = (lon: number, lat: number): [number, number] => [lon * 100, lat * 100];

  it('draws each line as a run of whole units, dropping points that round to the last', () => {
    expect(
      linesPath(
        [
          [
            [0, 0],
            [0.001, 0.001],
            [0.1, 0],
            [0.2, 0.05]
          ],
          [
            [1, 1],
            [1.002, 1.001]
          ]
        ],
        at
      )
    ).toBe('M0 0L10 0L20 5');
  });

  it('keeps the points of the outline and the points in one list', () => {
    expect(mapPoints([[[1, 2]]], [{ lon: 3, lat: 4 }], [{ lon: 5, lat: 6 }])).toEqual([
      [1, 2],
      [3, 4],
      [5, 6]
    ]);
  });
});
