import { describe, expect, it } from 'vitest';
import { fitView, ringPath } from './svg-view';

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
