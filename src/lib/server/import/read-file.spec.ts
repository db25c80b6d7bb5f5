import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRecords, FIRST_READ, lastRecordBreak, linesOf, splitRecords } from './read-file';

describe('streamed CSV records', () => {
  it('cuts after the last line break outside quotes, carrying quotes and a final CR to the next chunk', () => {
    const bytes = (text: string) => new TextEncoder().encode(text);
    const fresh = () => ({ quoted: false, cr: false });
    expect(lastRecordBreak(bytes('a,b\nc,"d\ne"\nf,'), fresh())).toBe('a,b\nc,"d\ne"\n'.length);
    expect(lastRecordBreak(bytes('a,b\r\nc,d'), fresh())).toBe(5);
    expect(lastRecordBreak(bytes('x'), fresh())).toBe(-1);
    // A quote left open: the state says so, and the next chunk's breaks count once it closes.
    const open = fresh();
    expect(lastRecordBreak(bytes('a,"b\nc'), open)).toBe(-1);
    expect(open.quoted).toBe(true);
    expect(lastRecordBreak(bytes('d"\ne,f\ng'), open)).toBe(7);
    expect(open.quoted).toBe(false);
    // CR alone is a break; a CR at the end waits for the next chunk (half of a CRLF?).
    const cr = fresh();
    expect(lastRecordBreak(bytes('a\rb\r'), cr)).toBe(2);
    expect(cr.cr).toBe(true);
    expect(lastRecordBreak(bytes('\nc\r'), { ...cr })).toBe(1); // CRLF: the break is after LF
    expect(lastRecordBreak(bytes('c,d'), cr)).toBe(0); // CR alone: the break was before this chunk
    // Shift_JIS: 表 is 0x95 0x5C — a trail byte is never LF, CR or a quote.
    expect(lastRecordBreak(new Uint8Array([0x95, 0x5c, 0x0a, 0x41]), fresh())).toBe(3);
  });

  it('gives the same records as papaparse on the whole text, whatever the chunk boundaries (quoted newlines, CRLF, quotes)', async () => {
    const rows: string[] = [];
    for (let k = 0; k < 60_000; k++)
      rows.push(
        k % 7 === 0
          ? `${k},"名称 ${k}\r\n二行目","say ""hi"""`
          : k % 11 === 0
            ? ''
            : `${k},北小学校 ${k},1975`
      );
    const text = rows.join('\r\n') + '\r\n';
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-csv-')), 'rows.csv');
    fs.writeFileSync(file, text); // ≈ 1.6 MB: more than one 1 MB read
    const streamed: string[][] = [];
    for await (const record of csvRecords(file, 'utf-8')) streamed.push(record);
    const whole = Papa.parse<string[]>(text.replace(/\r\n$/, ''), { skipEmptyLines: false }).data;
    expect(streamed.length).toBe(60_000);
    // The same records; a line break inside a cell is read as LF.
    expect(streamed).toEqual(whole.map((r) => r.map((c) => c.replace(/\r\n/g, '\n'))));
    expect(streamed[7]).toEqual(['7', '名称 7\n二行目', 'say "hi"']);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('splits plain and wholly quoted cells into the records papaparse gives, and leaves the rest to it', () => {
    // Papaparse on the text with its line breaks made LF and the last one dropped.
    const papa = (text: string, delimiter: string) =>
      Papa.parse<string[]>(text.replace(/\r\n?/g, '\n').replace(/\n$/, ''), {
        skipEmptyLines: false,
        newline: '\n',
        delimiter
      }).data;
    for (const [text, delimiter] of [
      ['a,b,c\n1,2,3', ','],
      ['a,b\n\n1,2\n', ','], // an empty line; a last line break
      ['a,b\n1,2\n\n', ','], // an empty last record
      ['a;b;\n;;x', ';'], // empty cells, a trailing delimiter
      ['名称\t年度\n北小学校\t1975\n\n', '\t'],
      ['', ','],
      ['one cell', ','],
      // Quoted as spreadsheets and registers write them, CRLF as Excel ends lines.
      ['"code","名称","年度"\r\n"A1","北小学校, 本館","1975"\r\n', ','],
      ['"A1","say ""hi""",""\n"A2","""",x', ','],
      ['1,"a",\r\n"",2,""\r\n"b"', ','],
      ['"a";"b;c";\n"x"";y";""', ';'],
      ['"a"",""b","c"\n""\n"",""', ','],
      // Line breaks mixed: a CRLF header and LF rows (CKAN), a lone CR (old Mac Excel).
      ['code,name\r\nA1,北\nA2,南\rA3,東\r\n', ',']
    ] as const)
      expect(splitRecords(linesOf(text), delimiter)).toEqual(papa(text, delimiter));
    // What papaparse reads (and reports on) itself: a quoted line break, a quote in a plain
    // cell, text after a closing quote, a quote never closed.
    for (const text of [
      'a,"b\nc"',
      'a,"b\r\nc"',
      'a,b"c',
      '"a" ,b',
      '"a"b,c',
      'a,"b',
      '"a""',
      '"',
      '"a,"b"'
    ])
      expect(splitRecords(linesOf(text), ',')).toBeNull();
  });

  it('reads a long CRLF file of plain and quoted cells as papaparse reads the whole (the delimiter guessed on the first piece)', async () => {
    // Quoted cells (a delimiter and quotes inside), a guarded cell and empty lines among plain ones.
    const rows = ['"code";"名称";"年度"', 'A0;"北小学校; 本館";1975'];
    for (let k = 1; k < 30_000; k++)
      rows.push(
        k % 997 === 0
          ? ''
          : k % 1_001 === 0
            ? `A${k};'=1+1;1980`
            : k % 13 === 0
              ? `"A${k}";"施設 ""${k}""; 別館";"1980"`
              : `A${k};施設 ${k};1980`
      );
    const text = rows.join('\r\n') + '\r\n'; // CRLF, as Excel writes
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-csv-')), 'semi.csv');
    fs.writeFileSync(file, text); // ≈ 600 KB: several pieces
    const streamed: string[][] = [];
    for await (const record of csvRecords(file, 'utf-8')) streamed.push(record);
    const whole = Papa.parse<string[]>(text.slice(0, -2), { skipEmptyLines: false }).data;
    expect(streamed.length).toBe(30_001);
    expect(streamed).toEqual(whole.map((r) => r.map((c) => (c === "'=1+1" ? '=1+1' : c))));
    expect(streamed[1]).toEqual(['A0', '北小学校; 本館', '1975']);
    expect(streamed[1_002]).toEqual(['A1001', '=1+1', '1980']);
    expect(streamed[14]).toEqual(['A13', '施設 "13"; 別館', '1980']);
    fs.rmSync(path.dirname(file), { recursive: true });
  });

  it('reads line breaks of every kind mixed in one file, a CRLF split between two reads too', async () => {
    // Before: a CRLF header with LF rows (as CKAN exports them) was read as one record.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-csv-'));
    const file = path.join(dir, 'mixed.csv');
    const head = 'code,"名称\n(施設名)",year\r\n';
    const rows = [
      'A1,北小学校,1975',
      'A2,"南公民館\r\n別館",1980',
      'A3,旧庁舎,1960\r',
      'A4,図書館,1990'
    ];
    fs.writeFileSync(file, head + rows.join('\n') + '\n');
    const read: string[][] = [];
    for await (const record of csvRecords(file, 'utf-8')) read.push(record);
    expect(read).toEqual([
      ['code', '名称\n(施設名)', 'year'],
      ['A1', '北小学校', '1975'],
      ['A2', '南公民館\n別館', '1980'],
      ['A3', '旧庁舎', '1960'],
      ['A4', '図書館', '1990']
    ]);
    // A file of CR-only lines (old Mac Excel), with a CRLF across the first read's end.
    const big = path.join(dir, 'cr.csv');
    const first = 'code,name\r' + 'x'.repeat(FIRST_READ - 'code,name\r'.length - 1) + '\r';
    fs.writeFileSync(big, first + '\nB1,橋\rB2,管\r');
    const records: string[][] = [];
    for await (const record of csvRecords(big, 'utf-8')) records.push(record);
    expect(records.map((r) => r[0]!.slice(0, 4))).toEqual(['code', 'xxxx', 'B1', 'B2']);
    fs.rmSync(dir, { recursive: true });
  });

  it('reports a syntax error with its record number', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-csv-')), 'bad.csv');
    fs.writeFileSync(file, 'a,b\n1,2\n3,"unclosed\n');
    const errors: [number, string][] = [];
    let records = 0;
    const read = csvRecords(file, 'utf-8', (row, message) => errors.push([row, message]));
    for await (const record of read) records += record.length > 0 ? 1 : 0;
    expect(records).toBe(3);
    expect(errors).toEqual([[3, 'Quoted field unterminated']]);
  });
});
