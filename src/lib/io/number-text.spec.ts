import { describe, expect, it } from 'vitest';
import { identifierProblem, readNumber } from './number-text';

const value = (text: string) => {
  const read = readNumber(text);
  return read.ok ? read.value : `refused: ${read.reason.en}`;
};

describe('readNumber', () => {
  it('reads numbers as registers and spreadsheets write them', () => {
    const cases: [string, number | null][] = [
      ['1234.5', 1234.5],
      ['1,234.5', 1234.5],
      ['１２３４', 1234],
      ['１，２３４．５', 1234.5],
      ['１２３４㎡', 1234],
      ['1,234.56 m2', 1234.56],
      ['850m²', 850],
      ['3階', 3],
      ['300mm', 300],
      ['12,345,678円', 12345678],
      ['1,500千円', 1_500_000],
      ['2.5億円', 250_000_000],
      ['1.2345E+05', 123450],
      ['-3', -3],
      ['－３', -3],
      ['', null],
      ['  ', null]
    ];
    for (const [text, expected] of cases) expect(value(text), text).toBe(expected);
  });

  it('refuses a comma that is not a thousands separator, saying it is ambiguous', () => {
    for (const text of ['12,5', '1,23,456', '1234,5'])
      expect(value(text), text).toMatch(/^refused: is ambiguous/);
  });

  it('refuses words and units without a number', () => {
    expect(value('約千')).toBe('refused: is not a number');
    expect(value('㎡')).toBe('refused: is not a number');
    expect(value('12a')).toBe('refused: is not a number');
  });
});

describe('identifierProblem', () => {
  it('names an identifier Excel rounded into exponent form', () => {
    expect(identifierProblem('4.00E+12')?.en).toMatch(/digits are lost/);
    expect(identifierProblem('4.00E+12')?.ja).toMatch(/桁が失われています/);
    expect(identifierProblem('４．００Ｅ＋１２')?.en).toMatch(/digits are lost/);
  });
  it('leaves real identifiers alone', () => {
    for (const code of ['4000012345678', '00123', 'B-0001', 'E12', '1E'])
      expect(identifierProblem(code), code).toBeNull();
  });
});
