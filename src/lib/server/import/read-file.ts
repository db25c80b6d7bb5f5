/**
 * Reading import files from disk without holding them whole: the encoding found by streaming the
 * bytes once, CSV rows streamed through papaparse, the first sheet of a workbook (exceljs) as rows
 * of text, GeoJSON as text. Each reader can run again (the importer validates in one pass and
 * writes in a second).
 */
import fs from 'node:fs';
import { once } from 'node:events';
import type { Duplex } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { EncodingSniffer, type TextEncoding } from '../../io/text-encoding';

export type FileKind = 'csv' | 'xlsx' | 'geojson';

/** The kind of a file, from its name and first bytes. */
export async function fileKind(path: string, name = path): Promise<FileKind> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  const handle = await fs.promises.open(path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return 'xlsx'; // a zip
  } finally {
    await handle.close();
  }
  return 'csv';
}

/** The file's encoding, read through once in chunks. */
export async function sniffEncoding(
  path: string
): Promise<{ ok: true; encoding: TextEncoding } | { ok: false; reason: string }> {
  const sniffer = new EncodingSniffer();
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }))
    sniffer.push(chunk as Buffer);
  const result = sniffer.result();
  return result.ok ? { ok: true, encoding: result.encoding } : result;
}

/** Whether the file is valid in the encoding the user chose (and where it is not). */
export async function checkEncoding(
  path: string,
  encoding: TextEncoding
): Promise<{ ok: true } | { ok: false; line: number }> {
  const sniffer = new EncodingSniffer();
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }))
    sniffer.push(chunk as Buffer);
  return sniffer.check(encoding);
}

/** CSV records of a file, in order, streamed (an empty line is a record of one empty cell). */
export async function* csvRecords(path: string, encoding: TextEncoding): AsyncGenerator<string[]> {
  const decoder = new TextDecoder(encoding);
  const parser = Papa.parse(Papa.NODE_STREAM_INPUT, {}) as unknown as Duplex;
  const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  let failure: unknown = null;
  const feeding = (async () => {
    for await (const chunk of input) {
      if (!parser.write(decoder.decode(chunk as Buffer, { stream: true })))
        await once(parser, 'drain');
    }
    parser.end(decoder.decode());
  })().catch((error: unknown) => {
    failure = error;
    parser.destroy();
  });
  try {
    for await (const record of parser) yield record as string[];
  } finally {
    // A reader that stops early (the header only) closes the file; that is not a failure.
    input.destroy();
    await feeding;
  }
  if (failure) throw failure; // reached only when the reader read to the end
}

/** A cell of a workbook as text: numbers in full, dates as YYYY-MM-DD, formulas by their result. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

/** The first worksheet of an .xlsx file as rows of text (row 1 first; empty rows kept). */
export async function xlsxRecords(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c).value));
    rows.push(cells);
  }
  return rows;
}
