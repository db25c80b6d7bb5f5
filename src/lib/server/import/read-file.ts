/**
 * Reading import files from disk without holding them whole: the encoding found by streaming the
 * bytes once, CSV rows streamed through papaparse, GeoJSON as text (workbooks: `xlsx-records.ts`).
 * Each reader can run again (the importer validates in one pass and writes in a second).
 */
import type { Refusal } from '../../io/row-error';
import fs from 'node:fs';
import Papa from 'papaparse';
import { EncodingSniffer, type TextEncoding } from '../../io/text-encoding';
import { unguardCsvText, unifyLineBreaks } from '../../io/csv-cell';

export type FileKind = 'csv' | 'xlsx' | 'geojson' | 'shapefile' | 'geopackage';

/** The kind of a file, from its name and first bytes. */
export async function fileKind(path: string, name = path): Promise<FileKind> {
  const lower = name.toLowerCase();
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  // A zipped Shapefile (an .xlsx is a zip too, but never named .zip).
  if (lower.endsWith('.zip') || lower.endsWith('.shp')) return 'shapefile';
  if (lower.endsWith('.gpkg')) return 'geopackage';
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
): Promise<{ ok: true; encoding: TextEncoding } | Refusal> {
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

/**
 * The end of the last complete CSV record in `text` (just after its newline), or 0: a newline
 * counts only outside quotes (an even number of `"` before it).
 */
export function lastRecordEnd(text: string): number {
  let quotes = 0;
  let end = 0;
  for (let k = text.indexOf('"'), from = 0; ; k = text.indexOf('"', k + 1)) {
    // Newlines between `from` and the next quote share the quote parity counted so far.
    const stop = k < 0 ? text.length : k;
    if (quotes % 2 === 0) {
      const newline = text.lastIndexOf('\n', stop - 1);
      if (newline >= from) end = newline + 1;
    }
    if (k < 0) return end;
    quotes += 1;
    from = k + 1;
  }
}

/** CSV records of a file, one at a time (`csvRecordBatches`, flattened). */
export async function* csvRecords(
  path: string,
  encoding: TextEncoding,
  onSyntaxError?: (record: number, message: string) => void
): AsyncGenerator<string[]> {
  for await (const batch of csvRecordBatches(path, encoding, onSyntaxError)) yield* batch;
}

/**
 * CSV records of a file, in order, streamed in batches (those of about a megabyte of text: one
 * await per batch, not per record, keeps a large import's reading cheap): the text is decoded chunk by chunk, its line breaks
 * made one kind (CRLF, CR and LF mixed in one file, as real files have them), cut after its last
 * complete record, each piece parsed by papaparse at full speed (its own stream mode is slow
 * on large chunks). An empty line is a record of one empty cell.
 */
export async function* csvRecordBatches(
  path: string,
  encoding: TextEncoding,
  onSyntaxError?: (record: number, message: string) => void
): AsyncGenerator<string[][]> {
  const decoder = new TextDecoder(encoding);
  let pending = '';
  let done = 0; // records yielded so far
  const parse = (text: string) => {
    const result = Papa.parse<string[]>(text, { skipEmptyLines: false, newline: '\n' });
    for (const e of result.errors) onSyntaxError?.(done + (e.row ?? 0) + 1, e.message);
    done += result.data.length;
    // Cells Hozen guarded against formula injection on export read as they were (csv-cell.ts).
    for (const row of result.data)
      for (let i = 0; i < row.length; i++)
        if (row[i]!.startsWith("'")) row[i] = unguardCsvText(row[i]!);
    return result.data;
  };
  const input = fs.createReadStream(path, { highWaterMark: 1 << 20 });
  try {
    // A CR at the end of a chunk waits for the next: it may be the first half of a CRLF.
    let carriage = '';
    for await (const chunk of input) {
      let text = carriage + decoder.decode(chunk as Buffer, { stream: true });
      carriage = text.endsWith('\r') ? '\r' : '';
      if (carriage) text = text.slice(0, -1);
      pending += unifyLineBreaks(text);
      const end = lastRecordEnd(pending);
      if (end === 0) continue;
      // Up to the last record's line break (dropped: papaparse would add an empty record).
      const piece = pending.slice(0, end - 1);
      pending = pending.slice(end);
      yield parse(piece);
    }
    pending += unifyLineBreaks(carriage + decoder.decode());
    if (pending !== '') yield parse(pending.replace(/\n$/, ''));
  } finally {
    input.destroy();
  }
}
