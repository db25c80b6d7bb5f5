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

/** Whether a file of this kind is a GIS layer (read by `read-layer.ts`, in the compute pool). */
export const isGisLayer = (kind: FileKind) =>
  kind === 'geojson' || kind === 'shapefile' || kind === 'geopackage';

/** Items in memory as an async iterable (one batch of rows, for the writers). */
export async function* toAsync<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

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

/**
 * The file's encoding, read through once in chunks (UTF-8 checked natively first; a file that
 * turns out not to be UTF-8 is read a second time, byte by byte, for Shift_JIS).
 */
export async function sniffEncoding(
  path: string
): Promise<{ ok: true; encoding: TextEncoding } | Refusal> {
  let sniffer = new EncodingSniffer({ utf8First: true });
  await eachChunk(path, (chunk) => sniffer.push(chunk));
  if (sniffer.incomplete) {
    sniffer = new EncodingSniffer();
    await eachChunk(path, (chunk) => sniffer.push(chunk));
  }
  const result = sniffer.result();
  return result.ok ? { ok: true, encoding: result.encoding } : result;
}

/** Whether the file is valid in the encoding the user chose (and where it is not). */
export async function checkEncoding(
  path: string,
  encoding: TextEncoding
): Promise<{ ok: true } | { ok: false; line: number }> {
  const sniffer = new EncodingSniffer();
  await eachChunk(path, (chunk) => sniffer.push(chunk));
  return sniffer.check(encoding);
}

/**
 * Each megabyte of a file in turn, read into one buffer (a chunk is gone once `take` returns: a
 * stream's new buffer per chunk cost more than the sniffing itself).
 */
async function eachChunk(path: string, take: (chunk: Uint8Array) => void): Promise<void> {
  const handle = await fs.promises.open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return;
      take(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** Where a reader of CSV bytes stands between two chunks. */
export interface BreakState {
  /** Inside a quoted cell (an odd number of `"` so far). */
  quoted: boolean;
  /** The last chunk ended with a CR outside quotes: a break unless the next begins with LF. */
  cr: boolean;
}

/**
 * Where the last complete record in `bytes` ends (just after its line break: LF, CRLF or CR
 * alone), or -1 when none does; 0 when the chunk before ended with a CR that is a break of its
 * own. A line break counts outside quotes only. `state` carries the quote parity and a CR at the
 * end (it may be half of a CRLF) from chunk to chunk. LF, CR and `"` are never part of another
 * character in UTF-8 or Shift_JIS, so records are cut on the bytes, before decoding.
 */
export function lastRecordBreak(bytes: Uint8Array, state: BreakState): number {
  const length = bytes.length;
  // Most chunks of most files: no quote, LF or CRLF breaks — the last LF, found natively.
  if (!state.quoted && !state.cr && bytes.indexOf(QUOTE) < 0) {
    const lf = bytes.lastIndexOf(LF);
    if (bytes.lastIndexOf(CR) < lf) return lf + 1;
  }
  let end = -1;
  let quoted = state.quoted;
  if (state.cr && bytes[0] !== LF) end = 0;
  state.cr = false;
  for (let k = 0; k < length; k++) {
    const b = bytes[k]!;
    // Letters, digits, delimiters and every byte of a Japanese character lie above the quote.
    if (b > QUOTE) continue;
    if (b === QUOTE) quoted = !quoted;
    else if (quoted) continue;
    else if (b === LF) end = k + 1;
    else if (b === CR) {
      if (k + 1 === length) state.cr = true;
      else if (bytes[k + 1] !== LF) end = k + 1;
    }
  }
  state.quoted = quoted;
  return end;
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
 * CSV records of a file, in order, streamed in batches (those of about 256 KB: one await per
 * batch, not per record, keeps a large import's reading cheap). The bytes are cut after their
 * last complete record, decoded, their line breaks made one kind (CRLF, CR and LF mixed in one
 * file, as real files have them), and each piece parsed by papaparse at full speed (its own
 * stream mode is slow on large chunks) with the delimiter it found in the first. An empty line is
 * a record of one empty cell.
 */
export async function* csvRecordBatches(
  path: string,
  encoding: TextEncoding,
  onSyntaxError?: (record: number, message: string) => void
): AsyncGenerator<string[][]> {
  // One decoder for the whole file: a BOM is dropped at its start only. Pieces end on a line
  // break, so no character is ever split between two.
  const decoder = new TextDecoder(encoding);
  let done = 0; // records yielded so far
  let delimiter: string | undefined; // papaparse's guess on the first piece, kept
  const parse = (bytes: Uint8Array, last: boolean) => {
    const text = decoder.decode(bytes, { stream: !last });
    const lines = linesOf(text);
    let rows = delimiter === undefined ? null : splitRecords(lines, delimiter);
    if (!rows) {
      const result = Papa.parse<string[]>(lines.join('\n'), {
        skipEmptyLines: false,
        newline: '\n',
        delimiter
      });
      delimiter ??= result.meta.delimiter;
      for (const e of result.errors) onSyntaxError?.(done + (e.row ?? 0) + 1, e.message);
      rows = result.data;
    }
    done += rows.length;
    // Cells Hozen guarded against formula injection on export read as they were (csv-cell.ts).
    if (text.includes("'"))
      for (const row of rows)
        for (let i = 0; i < row.length; i++)
          if (row[i]!.startsWith("'")) row[i] = unguardCsvText(row[i]!);
    return rows;
  };
  // The bytes after the last complete record so far.
  let held: Buffer[] = [];
  const state: BreakState = { quoted: false, cr: false };
  for await (const chunk of fileChunks(path)) {
    const end = lastRecordBreak(chunk, state);
    if (end < 0) {
      held.push(chunk);
      continue;
    }
    const piece = Buffer.concat([...held, chunk.subarray(0, end)]);
    held = end < chunk.length ? [chunk.subarray(end)] : [];
    if (piece.length > 0) yield parse(piece, false);
  }
  const rest = Buffer.concat(held);
  if (rest.length > 0) yield parse(rest, true);
}

/**
 * The lines of a piece of CSV text, whatever its line breaks (LF, CRLF, lone CR, mixed: as real
 * files have them), the break at its end dropped. A file of CRLF only is split on CRLF (making
 * one kind of the whole text first took a tenth of a 100,000-row import's reading).
 */
export function linesOf(text: string): string[] {
  if (text === '') return [];
  let lines: string[];
  if (!text.includes('\r')) lines = text.split('\n');
  else {
    lines = text.split('\r\n');
    if (lines.some((line) => line.includes('\n') || line.includes('\r')))
      lines = unifyLineBreaks(text).split('\n');
  }
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The records of a piece's lines (`linesOf`) as papaparse gives them, when every line is a
 * record of its own and every cell plain or wholly quoted (`"…"`, a quote inside doubled: as
 * spreadsheets and registers write cells): a record per line (an empty line a record of one empty
 * cell), cells between delimiters. Null for anything else — a quoted line break (a line with an
 * odd number of quotes), a quote inside a plain cell, text after a closing quote —, which
 * papaparse then reads (and reports on). Papaparse took four to five times as long on the pieces
 * of a 100,000-row file, most of it collecting its garbage: 190–230 against 44 ms without quotes,
 * 350–370 against 72 ms with every cell quoted.
 */
export function splitRecords(lines: readonly string[], delimiter: string): string[][] | null {
  const rows = new Array<string[]>(lines.length);
  const width = delimiter.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('"')) {
      rows[i] = line.split(delimiter);
      continue;
    }
    // Every cell quoted, none with a quote inside: the text between `"` + delimiter + `"`.
    if (
      line.length > 1 &&
      line.charCodeAt(0) === 0x22 &&
      line.charCodeAt(line.length - 1) === 0x22
    ) {
      const cells = line.slice(1, -1).split(`"${delimiter}"`);
      if (cells.every((cell) => !cell.includes('"'))) {
        rows[i] = cells;
        continue;
      }
    }
    const cells: string[] = [];
    let at = 0;
    for (;;) {
      if (line.charCodeAt(at) === 0x22) {
        // A quoted cell: to the quote not doubled, then a delimiter or the line's end.
        let close = line.indexOf('"', at + 1);
        let doubled = false;
        while (close >= 0 && line.charCodeAt(close + 1) === 0x22) {
          doubled = true;
          close = line.indexOf('"', close + 2);
        }
        if (close < 0) return null;
        const cell = line.slice(at + 1, close);
        cells.push(doubled ? cell.replaceAll('""', '"') : cell);
        at = close + 1;
        if (at === line.length) break;
        if (!line.startsWith(delimiter, at)) return null;
        at += width;
        if (at === line.length) {
          cells.push('');
          break;
        }
      } else {
        const next = line.indexOf(delimiter, at);
        const cell = next < 0 ? line.slice(at) : line.slice(at, next);
        if (cell.includes('"')) return null;
        cells.push(cell);
        if (next < 0) break;
        at = next + width;
        if (at === line.length) {
          cells.push('');
          break;
        }
      }
    }
    rows[i] = cells;
  }
  return rows;
}

/** The size of a CSV's first read. */
export const FIRST_READ = 1 << 16;
/**
 * The size of its later reads: the rows of a piece are alive until the piece is checked, and at
 * 256 KB (3,000 rows of a Hozen CSV) most die young — a megabyte's outlived the young generation
 * and cost the worker full collections (measured: about 5 % of a 100,000-row import).
 */
const READ = 1 << 18;

/**
 * A file's bytes in chunks of READ bytes — the first of 64 KB, so that a header (and the first
 * rows) is read without decoding and parsing more first. Each chunk is a buffer of its own.
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(path, 'r');
  try {
    for (let size = FIRST_READ; ; size = READ) {
      const buffer = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(buffer, 0, size, null);
      if (bytesRead === 0) return;
      yield bytesRead < size ? buffer.subarray(0, bytesRead) : buffer;
    }
  } finally {
    await handle.close();
  }
}
