/** The head of a file as the import reads it: the import page's preview and column mapping. */
import { detectTableFormat, type ImportTarget } from '../../io/import-mapping';
import { suggestMapping, suggestTarget, type Inspection } from '../../io/mapping-suggest';
import { cellValue } from '../../io/empty-words';
import { said, type Said } from '../../i18n/said';
import type { TextEncoding } from '../../io/text-encoding';
import { compute } from '../compute/pool';
import { csvRecords, fileKind, isGisLayer, sniffEncoding, toAsync } from './read-file';

/** The first rows of a file as the import reads them (header first), for the import page. */
export async function previewFile(
  filePath: string,
  name: string,
  encoding: TextEncoding | 'auto' = 'auto',
  rows = 6,
  layer: string | null = null,
  /** Why a GIS file could not be read (several layers and none chosen …), when it could not. */
  problems: Said[] = [],
  /** A GeoPackage's layers, when one must be chosen. */
  layers: string[] = []
): Promise<{ header: string[]; rows: string[][] } | null> {
  const kind = await fileKind(filePath, name);
  if (isGisLayer(kind)) {
    // Decoded in the compute pool; only the first rows come back.
    const read = await compute('gisPreview', {
      kind: kind as 'geojson' | 'shapefile' | 'geopackage',
      path: filePath,
      ...(layer ? { layer } : {}),
      rows: rows - 1
    });
    if (!read.ok) {
      problems.push(said(read.reasonJa ?? read.reason, read.reason));
      layers.push(...(read.layers ?? []));
      return null;
    }
    return { header: read.header, rows: read.rows };
  }
  let all: AsyncIterable<string[]>;
  if (kind === 'xlsx') {
    try {
      const read = await compute('xlsxRecords', { path: filePath });
      if (!('rows' in read)) return null;
      all = toAsync(read.rows.slice(0, rows + 5));
    } catch {
      return null;
    }
  } else {
    let chosen: TextEncoding;
    if (encoding === 'auto') {
      const found = await sniffEncoding(filePath);
      if (!found.ok) return null;
      chosen = found.encoding;
    } else chosen = encoding;
    all = csvRecords(filePath, chosen);
  }
  const out: string[][] = [];
  for await (const record of all) {
    if (record.every((c) => c.trim() === '')) continue;
    out.push(record);
    if (out.length >= rows) break;
  }
  return out.length ? { header: out[0]!, rows: out.slice(1) } : null;
}

const INSPECT_ROWS = 5_000;
const INSPECT_WORDS = 50;

/**
 * Reads the head of a file for the import page's column mapping: the inspection, or why the
 * file cannot be read.
 */
export async function inspectFile(
  filePath: string,
  name: string,
  encoding: TextEncoding | 'auto' = 'auto',
  layer: string | null = null,
  lang: 'ja' | 'en' = 'en'
): Promise<Inspection | { problem: string; layers?: string[] }> {
  const problems: Said[] = [];
  const layers: string[] = [];
  const head = await previewFile(
    filePath,
    name,
    encoding,
    INSPECT_ROWS + 1,
    layer,
    problems,
    layers
  );
  if (!head)
    return {
      problem: (problems[0] ??
        said(
          '表を読めませんでした（見出しの行のある CSV か .xlsx、GeoJSON、zip にしたシェープファイル、GeoPackage を取り込めます）',
          'no table could be read (a CSV or .xlsx with a header row, GeoJSON, a zipped Shapefile or a GeoPackage)'
        ))[lang],
      // Several layers: the page offers them to choose from.
      ...(layers.length ? { layers } : {})
    };
  const kind = await fileKind(filePath, name);
  const header = head.header.map((h) => h.replace(/^\uFEFF/, '').trim());
  const detected = kind === 'xlsx' || kind === 'csv' ? detectTableFormat(header) : null;
  const target: ImportTarget =
    detected === 'koukyou-shisetsu' ? 'facilities' : detected ? 'assets' : suggestTarget(header);
  const words: Inspection['words'] = {};
  header.forEach((column, i) => {
    const counts = new Map<string, number>();
    for (const row of head.rows) {
      const value = cellValue(row[i] ?? '');
      if (value !== '') counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    words[column] = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, INSPECT_WORDS)
      .map(([value, rows]) => ({ value, rows }));
  });
  return {
    format: detected,
    target,
    header,
    samples: head.rows.slice(0, 20),
    words,
    mapping: suggestMapping(header, head.rows.slice(0, 200), target, detected)
  };
}
