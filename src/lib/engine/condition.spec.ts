import { describe, expect, it } from 'vitest';
import {
  ageOfGrade,
  averageCondition,
  conditionOrigin,
  DEFAULT_CURVES,
  gradeAtAge
} from './condition';

const building = DEFAULT_CURVES.building!;

describe('condition curves', () => {
  it('grade buildings by age: A < 20, B < 40, C < 60, D from 60', () => {
    expect([0, 19, 20, 39, 40, 59, 60, 90].map((age) => gradeAtAge(building, age))).toEqual([
      'A',
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D'
    ]);
    expect(gradeAtAge(DEFAULT_CURVES.road!, 15)).toBe('II');
  });

  it('place an inspected grade at the start of its band', () => {
    expect(ageOfGrade(building, 'A')).toBe(0);
    expect(ageOfGrade(building, 'C')).toBe(40);
    expect(ageOfGrade(building, 'Z')).toBeNull();
  });

  it('age from the inspection: a building graded D in 2024 is D from then on; one graded A in 2024 after a repair is B in 2044', () => {
    const worse = conditionOrigin(building, 2000, { grade: 'D', year: 2024 })!;
    expect(gradeAtAge(building, 2026 - worse)).toBe('D');
    const repaired = conditionOrigin(building, 1970, { grade: 'A', year: 2024 })!;
    expect(gradeAtAge(building, 2043 - repaired)).toBe('A');
    expect(gradeAtAge(building, 2044 - repaired)).toBe('B');
  });

  it('fall back to the year built without an inspection, and to nothing without either', () => {
    expect(conditionOrigin(building, 1990, null)).toBe(1990);
    expect(conditionOrigin(building, null, null)).toBeNull();
    expect(conditionOrigin(building, 1990, { grade: 'X', year: 2020 })).toBe(1990);
  });

  it('averages grade points: A 100, B 75, C 40, D 10 (bridges alike)', () => {
    expect(averageCondition({ A: 2, C: 1 })).toBe(80);
    expect(averageCondition({ I: 1, IV: 1 })).toBe(55);
    expect(averageCondition({})).toBeNull();
  });
});
