import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvRecords, lastRecordEnd } from './read-file';

describe('streamed CSV records', () => {
  it('cuts after the last newline outside quotes', () => {
    expect(lastRecordEnd('a,b\nc,"d\ne"\nf,')).toBe('a,b\nc,"d\ne"\n'.length);
    expect(lastRecordEnd('a,"b\nc')).toBe(0);
    expect(lastRecordEnd('a,b\nc,"d\n')).toBe(4);
    expect(lastRecordEnd('x')).toBe(0);
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
    expect(streamed).toEqual(whole);
    expect(streamed[7]).toEqual(['7', '名称 7\r\n二行目', 'say "hi"']);
    fs.rmSync(path.dirname(file), { recursive: true });
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
