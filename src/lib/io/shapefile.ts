/**
 * ESRI Shapefiles as cities keep them: a .zip holding .shp, .shx, .dbf, .prj and .cpg. The
 * geometry is read by `shpjs` (maintained, pure JavaScript — no GDAL), the attributes by `dbf.ts`
 * (see there why not by shpjs); this module chooses the layer, the DBF's text encoding and the
 * coordinate system:
 * - encoding: the .cpg (CP932, 932, SJIS, Shift_JIS → Shift_JIS; UTF-8), else the DBF's language
 *   driver byte (0x13: Japanese), else whichever of UTF-8 and Shift_JIS the bytes are valid in;
 * - coordinates are left as the file has them, and the .prj names their system for the importer
 *   (`crsOfPrj`): lon/lat, or a 平面直角座標系 zone of JGD2011 or JGD2000 (both on GRS80 with the
 *   same zone origins: a JGD2000 zone is read as its JGD2011 twin, EPSG:6669–6687; the datums
 *   differ by centimetres in western Japan, more where the 2011 earthquake moved the ground).
 * Pure: bytes in, a FeatureCollection (or the reason it cannot be read) out.
 */
import type { Refusal } from './row-error';
import { unzipSync } from 'fflate';
import shp from 'shpjs';
import type { FeatureCollection } from 'geojson';
import { EncodingSniffer } from './text-encoding';
import { ROMAN } from './crs';
import { readDbf } from './dbf';

/**
 * The coordinate system a .prj names, as the importer's code (EPSG:4326 for lon/lat, EPSG:6669–
 * 6687 for 平面直角座標系 I–XIX), or null when it names none Hozen knows (the importer then
 * detects it from the coordinates).
 */
export function crsOfPrj(wkt: string): string | null {
  const text = wkt.replace(/\s+/g, ' ');
  if (/PROJCS/i.test(text)) {
    if (!/JGD.?20(00|11)/i.test(text)) return null;
    const roman = /Plane[ _]Rectangular[ _]CS[ _]([IVX]+)\b/i.exec(text);
    const arabic = /Japan[ _]Zone[ _](\d{1,2})\b/i.exec(text);
    const zone = roman
      ? ROMAN.indexOf(roman[1]!.toUpperCase()) + 1
      : arabic
        ? Number(arabic[1])
        : 0;
    return zone >= 1 && zone <= 19 ? `EPSG:${6668 + zone}` : null;
  }
  if (/GEOGCS/i.test(text) && /JGD.?20(00|11)|WGS.?84|GCS_WGS_1984/i.test(text)) return 'EPSG:4326';
  return null;
}

/** The DBF's text encoding (see the module's comment). */
export function dbfEncoding(cpg: string | null, dbf: Uint8Array): 'utf-8' | 'shift_jis' {
  const named = cpg?.trim().toLowerCase() ?? '';
  if (/932|sjis|shift.?jis|ms_?kanji|windows-31j/.test(named)) return 'shift_jis';
  if (/utf-?8|65001/.test(named)) return 'utf-8';
  if (dbf[29] === 0x13) return 'shift_jis';
  const sniffer = new EncodingSniffer();
  sniffer.push(dbf.subarray(32));
  const found = sniffer.result();
  return found.ok ? found.encoding : 'shift_jis';
}

export type ShapefileRead =
  | {
      ok: true;
      layer: string;
      crs: string | null;
      encoding: 'utf-8' | 'shift_jis';
      collection: FeatureCollection;
    }
  | Refusal;

/** A zipped Shapefile's layer (the first, or the one named `layer`) as a FeatureCollection. */
export async function readZippedShapefile(zip: Uint8Array, layer?: string): Promise<ShapefileRead> {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(zip, {
      filter: (f) => !f.name.includes('__MACOSX') && /\.(shp|dbf|prj|cpg)$/i.test(f.name)
    });
  } catch (e) {
    return {
      ok: false,
      reason: `not a readable .zip (${(e as Error).message})`,
      reasonJa: `.zip として読めません（${(e as Error).message}）`
    };
  }
  const byBase = new Map<string, Record<string, Uint8Array>>();
  for (const [name, bytes] of Object.entries(files)) {
    const dot = name.lastIndexOf('.');
    const base = name.slice(0, dot);
    const entry = byBase.get(base) ?? {};
    entry[name.slice(dot + 1).toLowerCase()] = bytes;
    byBase.set(base, entry);
  }
  const layers = [...byBase.entries()].filter(([, parts]) => parts.shp);
  if (layers.length === 0)
    return {
      ok: false,
      reason: 'the .zip holds no .shp file',
      reasonJa: '.zip に .shp ファイルがありません'
    };
  const chosen = layer ? layers.find(([base]) => base.split('/').pop() === layer) : layers[0];
  if (!chosen)
    return {
      ok: false,
      reason: `no layer "${layer}" in the .zip (layers: ${layers.map(([b]) => b.split('/').pop()).join(', ')})`,
      reasonJa: `.zip にレイヤー「${layer}」がありません（レイヤー：${layers.map(([b]) => b.split('/').pop()).join('、')}）`
    };
  const [base, parts] = chosen;
  if (!parts.dbf)
    return {
      ok: false,
      reason: `${base}.dbf is missing from the .zip`,
      reasonJa: `.zip に ${base}.dbf（属性）がありません`
    };
  const decoder = new TextDecoder();
  const encoding = dbfEncoding(parts.cpg ? decoder.decode(parts.cpg) : null, parts.dbf);
  const crs = parts.prj ? crsOfPrj(decoder.decode(parts.prj)) : null;
  try {
    const shapes = (await shp({ shp: parts.shp! })) as FeatureCollection;
    const { records } = readDbf(parts.dbf, encoding);
    // A record marked deleted in the DBF takes its shape with it.
    const features = shapes.features.flatMap((feature, i) => {
      const record = records[i];
      if (record === null) return [];
      feature.properties = record ?? {};
      return [feature];
    });
    const collection: FeatureCollection = { type: 'FeatureCollection', features };
    return { ok: true, layer: base.split('/').pop()!, crs, encoding, collection };
  } catch (e) {
    return {
      ok: false,
      reason: `the Shapefile cannot be read (${(e as Error).message})`,
      reasonJa: `シェープファイルを読めません（${(e as Error).message}）`
    };
  }
}
