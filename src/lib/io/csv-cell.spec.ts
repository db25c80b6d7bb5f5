import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Papa from 'papaparse';
import { csvField, guardCsvRow, guardCsvText, unguardCsvText } from './csv-cell';

const ATTACKS = [
  '=HYPERLINK("http://evil.example","click")',
  "=cmd|' /C calc'!A0",
  '+1+1',
  '-2+3',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1'
];

describe('CSV cells', () => {
  it('prefixes text a spreadsheet would run with a quote mark', () => {
    for (const attack of ATTACKS) expect(guardCsvText(attack)).toBe(`'${attack}`);
    expect(guardCsvText('市民会館')).toBe('市民会館');
    expect(guardCsvText('a=b')).toBe('a=b');
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvField(-5)).toBe('-5');
    expect(guardCsvRow({ name: '@x', year: -1 })).toEqual({ name: "'@x", year: -1 });
  });

  // (Two cells at least: a row of one empty cell is an empty line, which CSV cannot tell apart.)
  it('gives back any text after a round trip through a CSV file', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(...ATTACKS, "'=x", "''+y")), {
          minLength: 2
        }),
        (cells) => {
          const written = Papa.unparse([cells.map(guardCsvText)]);
          const read = Papa.parse<string[]>(written, { delimiter: ',' }).data[0] ?? [];
          const back = read.map(unguardCsvText);
          expect(back).toEqual(cells);
          // And no written cell starts a formula.
          for (const cell of read) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      )
    );
  });
});
