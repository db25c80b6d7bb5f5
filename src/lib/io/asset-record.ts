/**
 * An asset as an import brings it: Hozen's canonical fields, validated once whatever the file
 * format (Hozen CSV, 固定資産台帳, GeoJSON, a mapped spreadsheet). Every format first says, for
 * each canonical field, which of its columns holds it and what the text is; `validateAssetRow`
 * turns that into an AssetRecord or row errors naming the file's own column.
 */
import type { Geometry } from 'geojson';
import {
  ASSET_CLASSES,
  BRIDGE_GRADES,
  BRIDGE_STRUCTURES,
  BUILDING_CATEGORIES,
  BUILDING_GRADES,
  BUILDING_STRUCTURE_LABELS,
  ROAD_CATEGORIES,
  SEWER_MATERIALS,
  WATER_PIPE_KINDS,
  type AssetClass
} from '../engine/asset-classes';
import type { EngineAsset } from '../engine/engine-asset';
import type { RowError } from './row-error';
import { said, type Said } from '../i18n/said';
import { wordLabel } from '../words';

/** The fields of Hozen's asset CSV: the first eleven required, the rest optional. */
export const ASSET_FIELDS = [
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
  'pipe_kind',
  'facility_code',
  'importance',
  'condition_grade',
  'soundness',
  'floors',
  'acquisition_yen',
  'service_life_years',
  'acquired_on',
  'lon',
  'lat',
  'geometry'
] as const;
export type AssetField = (typeof ASSET_FIELDS)[number];
export const REQUIRED_ASSET_FIELDS = ASSET_FIELDS.slice(0, 11);

export interface AssetRecord {
  code: string;
  name: string;
  assetClass: AssetClass;
  /** Buildings: 総務省 category; roads: general | cycle_pedestrian; water pipes: their kind;
   * sewer pipes: sanitary | storm; bridges: bridge. */
  category: string;
  yearBuilt: number | null;
  quantity: number;
  unit: 'm2' | 'm';
  structure: string | null;
  material: string | null;
  diameterMm: number | null;
  facilityCode: string | null;
  importance: number;
  conditionGrade: string | null;
  soundness: number | null;
  floors: number | null;
  acquisitionYen: number | null;
  serviceLifeYears: number | null;
  /** 取得年月日 (ISO date, YYYY-MM-DD) from the fixed-asset register, or null. */
  acquiredOn: string | null;
  /** lon/lat (WGS84/JGD2011), or null when the asset has no place yet. */
  geometry: Geometry | null;
  /** Line of the file it came from. */
  row: number;
}

export const UNIT_ALIASES: Record<string, 'm2' | 'm'> = {
  m2: 'm2',
  '㎡': 'm2',
  'm²': 'm2',
  平方メートル: 'm2',
  m: 'm',
  メートル: 'm'
};
export const EXPECTED_UNIT: Record<AssetClass, 'm2' | 'm'> = {
  building: 'm2',
  road: 'm2',
  bridge: 'm2',
  water_pipe: 'm',
  sewer_pipe: 'm'
};
const SEWER_CATEGORIES = ['sanitary', 'storm'];
const oneOf = (values: readonly string[]) => values.join(' | ');

/** The reasons the readers share, in both languages. */
export const EMPTY = said('空欄です', 'is empty');
export const appearsAgain = (firstRow: number) =>
  said(`重複しています（最初は ${firstRow} 行目）`, `appears again (first on row ${firstRow})`);
/** Hozen's words with their labels, for the Japanese reason: 「建物（building）・道路（road）」. */
const oneOfJa = (field: 'class' | 'category' | 'structure' | 'material', keys: readonly string[]) =>
  keys.map((k) => `${wordLabel(field, k, 'ja')}（${k}）`).join('・');
const mustBeOneOf = (
  field: 'class' | 'category' | 'structure' | 'material',
  keys: readonly string[]
) => said(`${oneOfJa(field, keys)} のいずれか`, `must be one of ${oneOf(keys)}`);

/** What each field's check reads: the row's text, and where to say what is wrong. */
interface RowCheck {
  get: (field: AssetField) => string;
  fail: (field: AssetField, value: string | null, reason: Said) => void;
}

/** The category as the class wants it (bridges: none; water pipes: their kind, checked below). */
function checkCategory({ get, fail }: RowCheck, assetClass: AssetClass): string {
  let category = get('category');
  if (assetClass === 'building' && !(BUILDING_CATEGORIES as readonly string[]).includes(category)) {
    fail(
      'category',
      category,
      said(
        `総務省の用途分類のいずれか：${oneOfJa('category', BUILDING_CATEGORIES)}`,
        `must be a 総務省 use category: ${oneOf(BUILDING_CATEGORIES)}`
      )
    );
  } else if (assetClass === 'road' && !(ROAD_CATEGORIES as readonly string[]).includes(category)) {
    fail('category', category, mustBeOneOf('category', ROAD_CATEGORIES));
  } else if (assetClass === 'sewer_pipe') {
    category ||= 'sanitary';
    if (!SEWER_CATEGORIES.includes(category))
      fail(
        'category',
        category,
        said(
          `${oneOfJa('category', SEWER_CATEGORIES)} のいずれか、または空欄`,
          `must be ${oneOf(SEWER_CATEGORIES)} or empty`
        )
      );
  } else if (assetClass === 'bridge') category = 'bridge';
  return category;
}

/** The fiscal year built, or null when unknown (empty). */
function checkYear({ get, fail }: RowCheck): number | null {
  const yearText = get('year_built');
  if (yearText === '') return null;
  if (!/^\d{4}$/.test(yearText) || Number(yearText) < 1800 || Number(yearText) > 2200) {
    fail(
      'year_built',
      yearText,
      said(
        '1975 のような年度（西暦4桁）、不明なら空欄',
        'must be a fiscal year such as 1975, or empty when unknown'
      )
    );
    return null;
  }
  return Number(yearText);
}

/** 取得年月日: an ISO date (the importer has read 和暦 and other ways of writing it), or null. */
function checkAcquiredOn({ get, fail }: RowCheck): string | null {
  const text = get('acquired_on');
  if (text === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== text || Number(m![1]) < 1800) {
    fail(
      'acquired_on',
      text,
      said(
        '2021-04-01 のような日付（和暦可：昭和52年4月1日）、不明なら空欄',
        'must be a date such as 2021-04-01 (和暦 accepted: 昭和52年4月1日), or empty'
      )
    );
    return null;
  }
  return text;
}

/** The quantity (≥ 0) and the unit the class is counted in. */
function checkQuantity({ get, fail }: RowCheck, assetClass: AssetClass) {
  const quantityText = get('quantity');
  const quantity = Number(quantityText);
  if (quantityText === '' || !Number.isFinite(quantity) || quantity < 0)
    fail('quantity', quantityText, said('0 以上の数値', 'must be a number ≥ 0'));
  const unit = UNIT_ALIASES[get('unit')];
  if (unit !== EXPECTED_UNIT[assetClass])
    fail(
      'unit',
      get('unit'),
      said(
        `${wordLabel('class', assetClass, 'ja')}の単位は ${EXPECTED_UNIT[assetClass]}`,
        `must be ${EXPECTED_UNIT[assetClass]} for ${assetClass}`
      )
    );
  return { quantity, unit };
}

/** A building's or bridge's structure, a sewer pipe's material. */
function checkMakeup({ get, fail }: RowCheck, assetClass: AssetClass) {
  let structure: string | null = get('structure').toLowerCase() || null;
  if (assetClass === 'bridge') {
    structure ??= 'unknown';
    if (!(BRIDGE_STRUCTURES as readonly string[]).includes(structure))
      fail('structure', structure, mustBeOneOf('structure', BRIDGE_STRUCTURES));
  } else if (
    assetClass === 'building' &&
    structure !== null &&
    !(structure in BUILDING_STRUCTURE_LABELS)
  ) {
    fail(
      'structure',
      structure,
      said(
        `${oneOfJa('structure', Object.keys(BUILDING_STRUCTURE_LABELS))} のいずれか、または空欄`,
        `must be one of ${oneOf(Object.keys(BUILDING_STRUCTURE_LABELS))}, or empty`
      )
    );
  }
  const material = get('material').toLowerCase() || null;
  if (
    assetClass === 'sewer_pipe' &&
    (!material || !(SEWER_MATERIALS as readonly string[]).includes(material))
  )
    fail('material', material, mustBeOneOf('material', SEWER_MATERIALS));
  return { structure, material };
}

/** A pipe's diameter (required for water pipes: the unit cost depends on it) and kind. */
function checkPipe({ get, fail }: RowCheck, assetClass: AssetClass) {
  const diameterText = get('diameter_mm');
  let diameterMm: number | null = null;
  if (diameterText !== '') {
    if (!/^\d+(\.\d+)?$/.test(diameterText) || Number(diameterText) <= 0)
      fail(
        'diameter_mm',
        diameterText,
        said('正の数値（ミリメートル）', 'must be a positive number of millimetres')
      );
    else diameterMm = Number(diameterText);
  } else if (assetClass === 'water_pipe') {
    fail(
      'diameter_mm',
      null,
      said(
        '上水道管には口径が必要です（単価が口径で決まります）',
        'is required for water pipes (the unit cost depends on it)'
      )
    );
  }
  const pipeKind = get('pipe_kind').toLowerCase() || null;
  let kind: string | null = null;
  if (assetClass === 'water_pipe') {
    if (!pipeKind || !(WATER_PIPE_KINDS as readonly string[]).includes(pipeKind))
      fail('pipe_kind', pipeKind, mustBeOneOf('category', WATER_PIPE_KINDS));
    else kind = pipeKind;
  }
  return { diameterMm, kind };
}

/** An optional number within [min, max] (a whole one when `integer`), or null when empty. */
function optionalNumber(
  { get, fail }: RowCheck,
  field: AssetField,
  min: number,
  max: number,
  integer = false
): number | null {
  const given = get(field);
  const text = given.includes(',') ? given.replace(/,/g, '') : given;
  if (text === '') return null;
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < min ||
    value > max ||
    (integer && !Number.isInteger(value))
  ) {
    fail(
      field,
      get(field),
      said(
        `${min}〜${max} の${integer ? '整数' : '数値'}、または空欄`,
        `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, or empty`
      )
    );
    return null;
  }
  return value;
}

/** The condition grade of a building (A–D) or bridge (Ⅰ–Ⅳ, written I–IV); others have none. */
function checkGrade({ get, fail }: RowCheck, assetClass: AssetClass): string | null {
  const gradeText = get('condition_grade').toUpperCase();
  if (gradeText === '') return null;
  const grades: readonly string[] =
    assetClass === 'building' ? BUILDING_GRADES : assetClass === 'bridge' ? BRIDGE_GRADES : [];
  const grade = ROMAN[gradeText] ?? gradeText;
  if (grades.includes(grade)) return grade;
  fail(
    'condition_grade',
    get('condition_grade'),
    grades.length
      ? said(
          `${grades.join('・')} のいずれか、または空欄`,
          `must be one of ${oneOf(grades)}, or empty`
        )
      : said(
          `${wordLabel('class', assetClass, 'ja')}には劣化の区分がありません：空欄にしてください`,
          `${assetClass} has no grades: leave it empty`
        )
  );
  return null;
}

const ROMAN: Record<string, string> = { Ⅰ: 'I', Ⅱ: 'II', Ⅲ: 'III', Ⅳ: 'IV' };

/** The geometry: GeoJSON text, or a point from lon and lat; null when the asset has no place. */
function checkGeometry({ get, fail }: RowCheck): Geometry | null {
  const geometryText = get('geometry');
  const lonText = get('lon');
  const latText = get('lat');
  if (geometryText !== '') {
    try {
      const geometry = JSON.parse(geometryText) as Geometry;
      if (!geometry || typeof geometry !== 'object' || typeof geometry.type !== 'string')
        throw new Error('not a geometry');
      return geometry;
    } catch {
      fail(
        'geometry',
        geometryText.slice(0, 60),
        said('GeoJSON のジオメトリ（経度・緯度）', 'must be a GeoJSON geometry (lon/lat)')
      );
      return null;
    }
  }
  if (lonText === '' && latText === '') return null;
  const lon = Number(lonText);
  const lat = Number(latText);
  if (!(lonText !== '' && Number.isFinite(lon) && lon >= -180 && lon <= 180))
    fail(
      'lon',
      lonText,
      said('-180〜180 の経度（緯度とともに）', 'must be a longitude from -180 to 180 (with lat)')
    );
  else if (!(latText !== '' && Number.isFinite(lat) && lat >= -90 && lat <= 90))
    fail(
      'lat',
      latText,
      said('-90〜90 の緯度（経度とともに）', 'must be a latitude from -90 to 90 (with lon)')
    );
  else return { type: 'Point', coordinates: [lon, lat] };
  return null;
}

/**
 * Validates the rows of one table, one at a time. `get(field)` is the current row's text for a
 * field ('' when absent), `column(field)` the file's name for it (for messages); `seen` holds the
 * codes met so far (code → row). Made once per table: nothing is allocated per row but the record.
 */
export class AssetRowValidator implements RowCheck {
  private row = 0;
  private errors: RowError[] = [];

  constructor(
    readonly get: (field: AssetField) => string,
    private readonly column: (field: AssetField) => string,
    private readonly file: string,
    private readonly seen: Map<string, number>
  ) {}

  readonly fail = (field: AssetField, value: string | null, reason: Said): void => {
    this.errors.push({
      file: this.file,
      row: this.row,
      column: this.column(field),
      value,
      reason: reason.en,
      reasonJa: reason.ja
    });
  };

  /** The row as a record, or null with its problems added to `errors`. */
  validate(row: number, errors: RowError[]): AssetRecord | null {
    this.row = row;
    this.errors = errors;
    const { get, fail, seen } = this;
    const before = errors.length;

    const code = get('code');
    if (!code) fail('code', null, EMPTY);
    else {
      const first = seen.get(code);
      if (first !== undefined) fail('code', code, appearsAgain(first));
      else seen.set(code, row);
    }

    const cls = get('class');
    if (!(ASSET_CLASSES as readonly string[]).includes(cls)) {
      fail('class', cls, mustBeOneOf('class', ASSET_CLASSES));
      return null;
    }
    const assetClass = cls as AssetClass;
    let category = checkCategory(this, assetClass);
    const yearBuilt = checkYear(this);
    const { quantity, unit } = checkQuantity(this, assetClass);
    const { structure, material } = checkMakeup(this, assetClass);
    const { diameterMm, kind } = checkPipe(this, assetClass);
    if (kind) category = kind;
    const importance = optionalNumber(this, 'importance', 1, 5, true) ?? 3;
    const soundness = optionalNumber(this, 'soundness', 0, 100);
    const floors = optionalNumber(this, 'floors', 1, 200, true);
    const acquisitionYen = optionalNumber(this, 'acquisition_yen', 0, 1e15);
    const serviceLifeYears = optionalNumber(this, 'service_life_years', 1, 200, true);
    const acquiredOn = checkAcquiredOn(this);
    const conditionGrade = checkGrade(this, assetClass);
    const geometry = checkGeometry(this);

    if (errors.length !== before) return null;
    return {
      code,
      name: get('name'),
      assetClass,
      category,
      yearBuilt,
      quantity,
      unit: unit!,
      structure,
      material: assetClass === 'sewer_pipe' || material ? material : null,
      diameterMm,
      facilityCode: get('facility_code') || null,
      importance,
      conditionGrade,
      soundness,
      floors,
      acquisitionYen,
      serviceLifeYears,
      acquiredOn,
      geometry,
      row
    };
  }
}

/**
 * Validates one row (`AssetRowValidator` for a single row). Problems go to `errors`; the record
 * is returned only when the row has none.
 */
export function validateAssetRow(
  get: (field: AssetField) => string,
  column: (field: AssetField) => string,
  row: number,
  file: string,
  seen: Map<string, number>,
  errors: RowError[]
): AssetRecord | null {
  return new AssetRowValidator(get, column, file, seen).validate(row, errors);
}

/** The engine's view of an imported asset (the same mapping the database rows get). */
export function recordToEngineAsset(r: AssetRecord): EngineAsset {
  return {
    code: r.code,
    assetClass: r.assetClass,
    // The engine reports bridges by structure and sewer pipes by material.
    category:
      r.assetClass === 'bridge'
        ? (r.structure ?? 'unknown')
        : r.assetClass === 'sewer_pipe'
          ? (r.material ?? 'other')
          : r.category,
    yearBuilt: r.yearBuilt,
    quantity: r.quantity,
    structure: r.structure,
    material: r.material,
    diameterMm: r.diameterMm,
    pipeKind: r.assetClass === 'water_pipe' ? r.category : null,
    facilityCode: r.facilityCode,
    importance: r.importance,
    soundness: r.soundness,
    conditionGrade: r.conditionGrade,
    inspectedYear: null
  };
}
