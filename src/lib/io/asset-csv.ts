/**
 * Hozen's asset CSV: the canonical, documented format (README "Asset CSV"). Pure: text in,
 * validated engine assets or every row error out — never a partial result.
 *
 * Header (names, any order; extra columns ignored):
 * code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind
 */
import Papa from 'papaparse';
import {
  ASSET_CLASSES,
  BRIDGE_STRUCTURES,
  BUILDING_CATEGORIES,
  BUILDING_STRUCTURE_LABELS,
  ROAD_CATEGORIES,
  SEWER_MATERIALS,
  WATER_PIPE_KINDS,
  type AssetClass
} from '../engine/asset-classes';
import type { EngineAsset } from '../engine/engine-asset';
import type { RowError } from './row-error';

export const ASSET_CSV_COLUMNS = [
  'code',
  'name',
  'class',
  'category',
  'year_built',
  'quantity',
  'unit',
  'structure',
  'material',
  'diameter_mm',
  'pipe_kind'
] as const;

export interface ParsedAsset extends EngineAsset {
  name: string;
  /** Line of the file the asset came from. */
  row: number;
}

export type AssetCsvResult =
  { ok: true; assets: ParsedAsset[] } | { ok: false; errors: RowError[] };

const UNIT_ALIASES: Record<string, 'm2' | 'm'> = { m2: 'm2', '㎡': 'm2', 'm²': 'm2', m: 'm' };
const EXPECTED_UNIT: Record<AssetClass, 'm2' | 'm'> = {
  building: 'm2',
  road: 'm2',
  bridge: 'm2',
  water_pipe: 'm',
  sewer_pipe: 'm'
};
const oneOf = (values: readonly string[]) => values.join(' | ');

/**
 * Parses and validates an asset CSV.
 * @param text the file's text (a UTF-8 BOM is ignored)
 * @param file the name used in error messages
 */
export function parseAssetCsv(text: string, file: string): AssetCsvResult {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: 'greedy' });
  const errors: RowError[] = [];
  const rows = parsed.data;
  if (rows.length === 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          row: 0,
          column: null,
          value: null,
          reason: 'the file is empty (expected a header row)'
        }
      ]
    };
  }
  const header = rows[0]!.map((h) => h.trim().toLowerCase());
  const missing = ASSET_CSV_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) {
    return {
      ok: false,
      errors: [
        {
          file,
          row: 1,
          column: missing.join(', '),
          value: null,
          reason: `missing column(s); the header must name ${ASSET_CSV_COLUMNS.join(',')}`
        }
      ]
    };
  }
  const col = Object.fromEntries(ASSET_CSV_COLUMNS.map((c) => [c, header.indexOf(c)])) as Record<
    (typeof ASSET_CSV_COLUMNS)[number],
    number
  >;
  const seen = new Map<string, number>();
  const assets: ParsedAsset[] = [];

  for (let r = 1; r < rows.length; r++) {
    const cells = rows[r]!;
    const row = r + 1;
    const get = (c: (typeof ASSET_CSV_COLUMNS)[number]) => (cells[col[c]] ?? '').trim();
    const fail = (column: string, value: string | null, reason: string) =>
      errors.push({ file, row, column, value, reason });
    const before = errors.length;

    const code = get('code');
    if (!code) fail('code', null, 'is empty');
    else if (seen.has(code)) fail('code', code, `appears again (first on row ${seen.get(code)})`);
    else seen.set(code, row);

    const cls = get('class');
    if (!(ASSET_CLASSES as readonly string[]).includes(cls)) {
      fail('class', cls, `must be one of ${oneOf(ASSET_CLASSES)}`);
      continue;
    }
    const assetClass = cls as AssetClass;

    let category = get('category');
    if (
      assetClass === 'building' &&
      !(BUILDING_CATEGORIES as readonly string[]).includes(category)
    ) {
      fail('category', category, `must be a 総務省 use category: ${oneOf(BUILDING_CATEGORIES)}`);
    } else if (
      assetClass === 'road' &&
      !(ROAD_CATEGORIES as readonly string[]).includes(category)
    ) {
      fail('category', category, `must be one of ${oneOf(ROAD_CATEGORIES)}`);
    }

    const yearText = get('year_built');
    let yearBuilt: number | null = null;
    if (yearText !== '') {
      if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1800 || Number(yearText) > 2200) {
        fail('year_built', yearText, 'must be a fiscal year such as 1975, or empty when unknown');
      } else yearBuilt = Number(yearText);
    }

    const quantityText = get('quantity');
    const quantity = Number(quantityText);
    if (quantityText === '' || !Number.isFinite(quantity) || quantity < 0) {
      fail('quantity', quantityText, 'must be a number ≥ 0');
    }

    const unit = UNIT_ALIASES[get('unit')];
    if (unit !== EXPECTED_UNIT[assetClass]) {
      fail('unit', get('unit'), `must be ${EXPECTED_UNIT[assetClass]} for ${assetClass}`);
    }

    let structure: string | null = get('structure').toLowerCase() || null;
    if (assetClass === 'bridge') {
      structure ??= 'unknown';
      if (!(BRIDGE_STRUCTURES as readonly string[]).includes(structure))
        fail('structure', structure, `must be one of ${oneOf(BRIDGE_STRUCTURES)}`);
      category = structure;
    } else if (
      assetClass === 'building' &&
      structure !== null &&
      !(structure in BUILDING_STRUCTURE_LABELS)
    ) {
      fail(
        'structure',
        structure,
        `must be one of ${oneOf(Object.keys(BUILDING_STRUCTURE_LABELS))}, or empty`
      );
    }

    const material = get('material').toLowerCase() || null;
    if (assetClass === 'sewer_pipe') {
      if (!material || !(SEWER_MATERIALS as readonly string[]).includes(material))
        fail('material', material, `must be one of ${oneOf(SEWER_MATERIALS)}`);
      else category = material;
    }

    const diameterText = get('diameter_mm');
    let diameterMm: number | null = null;
    if (diameterText !== '') {
      if (!/^\d+(\.\d+)?$/.test(diameterText) || Number(diameterText) <= 0)
        fail('diameter_mm', diameterText, 'must be a positive number of millimetres');
      else diameterMm = Number(diameterText);
    } else if (assetClass === 'water_pipe') {
      fail('diameter_mm', null, 'is required for water pipes (the unit cost depends on it)');
    }

    const pipeKind = get('pipe_kind').toLowerCase() || null;
    if (assetClass === 'water_pipe') {
      if (!pipeKind || !(WATER_PIPE_KINDS as readonly string[]).includes(pipeKind))
        fail('pipe_kind', pipeKind, `must be one of ${oneOf(WATER_PIPE_KINDS)}`);
      else category = pipeKind;
    }

    if (errors.length === before) {
      assets.push({
        code,
        name: get('name'),
        row,
        assetClass,
        category,
        yearBuilt,
        quantity,
        structure,
        material,
        diameterMm,
        pipeKind: assetClass === 'water_pipe' ? pipeKind : null,
        facilityCode: null
      });
    }
  }
  for (const e of parsed.errors) {
    errors.push({
      file,
      row: (e.row ?? 0) + 1,
      column: null,
      value: null,
      reason: `CSV syntax: ${e.message}`
    });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.row - b.row) };
  return { ok: true, assets };
}

/** Writes engine assets in the asset CSV format (the inverse of `parseAssetCsv`). */
export function formatAssetCsv(assets: readonly (EngineAsset & { name?: string })[]): string {
  const rows = assets.map((a) => ({
    code: a.code,
    name: a.name ?? '',
    class: a.assetClass,
    category:
      a.assetClass === 'bridge' || a.assetClass === 'sewer_pipe' || a.assetClass === 'water_pipe'
        ? ''
        : a.category,
    year_built: a.yearBuilt ?? '',
    quantity: a.quantity,
    unit: EXPECTED_UNIT[a.assetClass],
    structure: a.structure ?? '',
    material: a.material ?? '',
    diameter_mm: a.diameterMm ?? '',
    pipe_kind: a.pipeKind ?? ''
  }));
  return Papa.unparse(rows, { columns: [...ASSET_CSV_COLUMNS], newline: '\n' }) + '\n';
}
