import { describe, expect, it } from 'vitest';
import { DbfError, readDbf } from './dbf';

/** One field descriptor (dBASE III): name (11 bytes, NUL-padded), type, length. */
function descriptor(name: Uint8Array, type: string, length: number): Uint8Array {
  const d = new Uint8Array(32);
  d.set(name.subarray(0, 11));
  d[11] = type.charCodeAt(0);
  d[16] = length;
  return d;
}

/**
 * A .dbf written out byte by byte as the dBASE III layout has it: a 32-byte header (record count
 * at 4, header length at 8, record length at 10), descriptors, 0x0D, then records (a deletion
 * flag, the cells left-padded or right-padded with spaces), 0x1A at the end.
 */
function dbf(
  fields: { name: Uint8Array; type: string; length: number }[],
  records: { deleted?: boolean; cells: Uint8Array[] }[]
): Uint8Array {
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((s, f) => s + f.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * records.length + 1).fill(0x20);
  const view = new DataView(bytes.buffer);
  bytes.fill(0, 0, 32);
  bytes[0] = 0x03;
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  fields.forEach((f, i) => bytes.set(descriptor(f.name, f.type, f.length), 32 + 32 * i));
  bytes[headerLength - 1] = 0x0d;
  records.forEach((r, i) => {
    let at = headerLength + i * recordLength;
    bytes[at] = r.deleted ? 0x2a : 0x20;
    at += 1;
    r.cells.forEach((cell, k) => {
      bytes.set(cell.subarray(0, fields[k]!.length), at);
      at += fields[k]!.length;
    });
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));
/** Right-aligned in `width` (as numbers are written). */
const right = (s: string, width: number) => ascii(s.padStart(width));

describe('readDbf', () => {
  // 庁舎 and 体育館 in Shift_JIS (checked with iconv -t SHIFT_JIS).
  const CHOSHA = hex('92a18ec9');
  const TAIIKUKAN = hex('91cc88e78ad9');

  it('reads text (Shift_JIS and ASCII), numbers, dates and logicals, trimmed', () => {
    const table = dbf(
      [
        { name: ascii('CODE'), type: 'C', length: 6 },
        { name: ascii('NAME'), type: 'C', length: 10 },
        { name: ascii('AREA'), type: 'N', length: 10 },
        { name: ascii('BUILT'), type: 'D', length: 8 },
        { name: ascii('SHELTER'), type: 'L', length: 1 }
      ],
      [
        {
          cells: [ascii('F001'), CHOSHA, right('1234.50', 10), ascii('20010401'), ascii('T')]
        },
        { cells: [ascii('F002'), TAIIKUKAN, right('', 10), ascii('        '), ascii('?')] },
        {
          cells: [ascii('  F003'), ascii('Gym'), right('*****', 10), ascii('00000000'), ascii('n')]
        }
      ]
    );
    const read = readDbf(table, 'shift_jis');
    expect(read.fields.map((f) => [f.name, f.type, f.length])).toEqual([
      ['CODE', 'C', 6],
      ['NAME', 'C', 10],
      ['AREA', 'N', 10],
      ['BUILT', 'D', 8],
      ['SHELTER', 'L', 1]
    ]);
    expect(read.records).toEqual([
      { CODE: 'F001', NAME: '庁舎', AREA: 1234.5, BUILT: '2001-04-01', SHELTER: true },
      { CODE: 'F002', NAME: '体育館', AREA: null, BUILT: null, SHELTER: null },
      // An overflowed number (asterisks) is no number; a blank date is none.
      { CODE: 'F003', NAME: 'Gym', AREA: null, BUILT: null, SHELTER: false }
    ]);
  });

  it('gives null for a record marked deleted, keeping the others in their places', () => {
    const table = dbf(
      [{ name: ascii('CODE'), type: 'C', length: 4 }],
      [{ cells: [ascii('A')] }, { deleted: true, cells: [ascii('B')] }, { cells: [ascii('C')] }]
    );
    expect(readDbf(table, 'utf-8').records).toEqual([{ CODE: 'A' }, null, { CODE: 'C' }]);
  });

  it('reads Japanese field names and UTF-8 text', () => {
    const name = new TextEncoder().encode('施設名'); // 9 bytes: fits the 11
    const table = dbf(
      [{ name, type: 'C', length: 20 }],
      [{ cells: [new TextEncoder().encode('市民体育館')] }]
    );
    expect(readDbf(table, 'utf-8').records).toEqual([{ 施設名: '市民体育館' }]);
  });

  it('keeps the whole records of a file cut short, and refuses what is no .dbf', () => {
    const table = dbf(
      [{ name: ascii('CODE'), type: 'C', length: 4 }],
      [{ cells: [ascii('A')] }, { cells: [ascii('B')] }]
    );
    expect(readDbf(table.subarray(0, table.length - 4), 'utf-8').records).toEqual([{ CODE: 'A' }]);
    expect(() => readDbf(ascii('not a table'), 'utf-8')).toThrow(DbfError);
    const wrong = table.slice();
    new DataView(wrong.buffer).setUint16(10, 2, true); // records narrower than their fields
    expect(() => readDbf(wrong, 'utf-8')).toThrow(/do not fit/);
  });
});
