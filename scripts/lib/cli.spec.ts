import { describe, expect, it } from 'vitest';
import { intFlag, parseFlags, UsageError } from './cli';

describe('parseFlags', () => {
  const spec = { seed: 'string', dry: 'boolean' } as const;

  it('reads --name value, --name=value and boolean flags', () => {
    expect(parseFlags(['--seed', '5', '--dry'], spec)).toEqual({ seed: '5', dry: true });
    expect(parseFlags(['--seed=6'], spec)).toEqual({ seed: '6' });
  });

  it('names the unknown option and the allowed ones', () => {
    expect(() => parseFlags(['--sed', '5'], spec)).toThrow(
      new UsageError('unknown option --sed (allowed: --seed, --dry)')
    );
  });

  it('rejects a missing value and stray arguments', () => {
    expect(() => parseFlags(['--seed'], spec)).toThrow(/--seed needs a value/);
    expect(() => parseFlags(['seed'], spec)).toThrow(/unexpected argument "seed"/);
  });
});

describe('intFlag', () => {
  it('accepts integers in range and falls back when absent', () => {
    expect(intFlag('3000', 'PORT', 0, 65_535, 1)).toBe(3000);
    expect(intFlag(undefined, 'PORT', 0, 65_535, 3000)).toBe(3000);
  });

  it('rejects non-integers and out-of-range values with the name and the value', () => {
    expect(() => intFlag('80.5', 'PORT', 0, 65_535, 1)).toThrow(
      'PORT must be an integer from 0 to 65535, got "80.5"'
    );
    expect(() => intFlag('70000', 'PORT', 0, 65_535, 1)).toThrow(/got "70000"/);
  });
});
