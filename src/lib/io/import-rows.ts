/**
 * Rows of a table (CSV or the first sheet of a workbook) → Hozen records, through a mapping.
 * Pure: a header and rows of text in; records, skipped rows and row errors out. The errors name
 * the file's own column and value, and every bad row is reported, not just the first.
 */
import {
  ASSET_CLASS_LABELS,
  ASSET_CLASSES,
  BUILDING_CATEGORIES,
  BUILDING_CATEGORY_LABELS,
  BUILDING_STRUCTURE_LABELS,
  BRIDGE_GRADES,
  BRIDGE_STRUCTURES,
  BUILDING_GRADES,
  SEWER_MATERIALS,
  UNCLASSIFIED
} from '../engine/asset-classes';
import {
  appearsAgain,
  ASSET_FIELDS,
  EMPTY,
  EXPECTED_UNIT,
  AssetRowValidator,
  type AssetField,
  type AssetRecord
} from './asset-record';
import {
  byKeywords,
  CATEGORY_KEYWORDS,
  dictionaryOf,
  translate,
  classOfRegisterRow,
  FACILITY_FIELDS,
  SEWER_MATERIAL_KEYWORDS,
  BRIDGE_GRADE_KEYWORDS,
  BUILDING_GRADE_KEYWORDS,
  STRUCTURE_KEYWORDS,
  type FacilityField,
  emptyMapping,
  type ImportFormat,
  type ImportMapping
} from './import-mapping';
import type { RowError } from './row-error';
import { fiscalYearOfText, parseJapaneseDate, parseJapaneseYear } from './wareki';
import { cellValue } from './empty-words';
import { identifierProblem, readNumber } from './number-text';
import { said, type Said } from '../i18n/said';

export interface FacilityRecord {
  /** A 施設カルテ-style row's building (延床面積, 建築年, 構造, 階数), when the table has them. */
  building: AssetRecord | null;
  code: string;
  name: string;
  nameKana: string | null;
  category: string;
  address: string | null;
  lon: number | null;
  lat: number | null;
  isShelter: boolean;
  note: string | null;
  row: number;
}

interface Resolved {
  /** Column indices holding the field (several only for `code`), and the name to report. */
  indices: number[];
  name: string;
}

/** Which header columns a mapping's fields come from. */
export function resolveColumns(
  header: readonly string[],
  mapping: ImportMapping,
  fields: readonly string[]
): Map<string, Resolved> {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    const name = h.replace(/^\uFEFF/, '').trim();
    if (!index.has(name)) index.set(name, i);
  });
  const resolved = new Map<string, Resolved>();
  for (const field of fields) {
    const names = mapping.columns[field];
    if (names === undefined) continue;
    const list = Array.isArray(names) ? names : [names];
    const present = list.filter((n) => index.has(n));
    if (present.length === 0) continue;
    // `code` joins every present column (番号 + 枝番); other fields take the first present.
    const used = field === 'code' ? present : [present[0]!];
    resolved.set(field, { indices: used.map((n) => index.get(n)!), name: used.join('+') });
  }
  return resolved;
}

/**
 * A building's 総務省 category from the file's word for its use: the mapping's dictionary,
 * Hozen's own key, the Japanese label, then keywords of the use and — only when the use says
 * nothing known — of the name. Null when none fits.
 */
export function buildingCategory(mapping: ImportMapping, use: string, name: string): string | null {
  const word = mapping.categories[use] ?? use;
  if ((BUILDING_CATEGORIES as readonly string[]).includes(word)) return word;
  return (
    BUILDING_CATEGORIES.find((c) => BUILDING_CATEGORY_LABELS[c].ja === word) ??
    byKeywords(CATEGORY_KEYWORDS, use) ??
    byKeywords(CATEGORY_KEYWORDS, name)
  );
}

/** The measures a row gives as numbers (read as registers write them: `readNumber`). */
const NUMBER_FIELDS = [
  'quantity',
  'acquisition_yen',
  'service_life_years',
  'floors',
  'diameter_mm',
  'soundness',
  'importance'
] as const satisfies readonly AssetField[];
/** Each number field's place in NUMBER_FIELDS (and in a reader's `numbers`). */
const NUMBER_INDEX = Object.fromEntries(NUMBER_FIELDS.map((f, i) => [f, i])) as Record<
  (typeof NUMBER_FIELDS)[number],
  number
>;
/** Identifiers a spreadsheet may have rounded (4.00E+12). */
const IDENTIFIER_FIELDS = ['code', 'facility_code'] as const satisfies readonly AssetField[];
/** A number as most cells write it: its text is already what the validator reads. */
const PLAIN_NUMBER = /^\d+(\.\d+)?$/;
const YEAR = /^\d{4}$/;

const iso = (d: { year: number; month: number; day: number }) =>
  `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * Converts asset rows of one table. A reader reads one row at a time and keeps that row's state
 * in its own fields (no closures or objects made per row: a city's file has a million rows).
 */
export class AssetRowReader {
  private readonly columns: Map<string, Resolved>;
  private readonly seen = new Map<string, number>();
  private readonly validator: AssetRowValidator;
  /**
   * Where each field's text comes from (by the field's index): its column(s) — or the mapping's
   * constant —, and the dictionary its words go through.
   */
  private readonly sources: {
    indices: number[] | null;
    constant: string;
    dictionary: ReadonlyMap<string, string> | null;
  }[];
  /** Unknown building-use words met, with how many rows had each (for a mapping to offer). */
  readonly unknownCategories = new Map<string, number>();
  /** Other coded fields' words no rule knows (structure, material, condition_grade → word → rows). */
  readonly unknownWords = new Map<AssetField, Map<string, number>>();

  // The row being read: its cells and number, the fields the caller gives, each field's text
  // once read (by the field's index), the problems found before validation.
  private cells: readonly string[] = [];
  private row = 0;
  private given: Partial<Record<AssetField, string>> | undefined;
  private readonly memo: (string | undefined)[] = new Array<string | undefined>(
    ASSET_FIELDS.length
  ).fill(undefined);
  private readonly preErrors: RowError[] = [];
  // What the row says in Hozen's words (codedWords, measures).
  private assetClass = '';
  private category = '';
  private structure = '';
  private material = '';
  private grade = '';
  private year = '';
  private yearText = '';
  private acquiredOn = '';
  private readonly numbers: string[] = NUMBER_FIELDS.map(() => '');

  private countUnknown(field: AssetField, word: string): void {
    let words = this.unknownWords.get(field);
    if (!words) this.unknownWords.set(field, (words = new Map()));
    words.set(word, (words.get(word) ?? 0) + 1);
  }

  constructor(
    header: readonly string[],
    private readonly mapping: ImportMapping,
    private readonly format: ImportFormat,
    private readonly file: string,
    private readonly options: { facilityCodes?: ReadonlySet<string>; latestYear?: number } = {}
  ) {
    this.columns = resolveColumns(header, mapping, ASSET_FIELDS);
    this.sources = ASSET_FIELDS.map((field) => ({
      indices: this.columns.get(field)?.indices ?? null,
      constant: (mapping.values[field] ?? '').trim(),
      // A code is the file's, word for word.
      dictionary: field === 'code' ? null : dictionaryOf(mapping, field)
    }));
    this.validator = new AssetRowValidator(
      this.checked,
      (field) => this.columnName(field),
      file,
      this.seen
    );
  }

  /** Fields the table can give neither by a column nor by a constant. */
  missing(required: readonly AssetField[]): AssetField[] {
    return required.filter(
      (f) =>
        !this.columns.has(f) &&
        this.mapping.values[f] === undefined &&
        !(f === 'unit' && this.format !== 'hozen') // the unit follows the class
    );
  }

  private columnName(field: AssetField): string {
    return this.columns.get(field)?.name ?? `${field} (mapping value)`;
  }

  /** A field's text in the row: the caller's, the column(s)', or the mapping's constant. */
  private cell(k: number, field: AssetField): string {
    const value = this.given?.[field];
    if (value !== undefined) return value;
    const { indices, constant, dictionary } = this.sources[k]!;
    if (indices === null) return constant;
    const cells = this.cells;
    // "Nothing here" words (－, なし, 不明 …) are empty values (empty-words.ts).
    let text: string;
    if (indices.length === 1) text = cellValue(cells[indices[0]!] ?? '');
    else {
      const parts = indices.map((i) => cellValue(cells[i] ?? '')).filter((p) => p !== '');
      if (field === 'code') return parts.join('-');
      text = parts[0] ?? '';
    }
    return dictionary?.get(text) ?? text;
  }

  /** A field's text in the row, read once. */
  private readonly raw = (field: AssetField): string => {
    const k = FIELD_INDEX[field];
    return (this.memo[k] ??= this.cell(k, field));
  };

  /** A problem found before validation (the validator does not say it again). */
  private readonly fail = (field: AssetField, value: string, reason: Said): void => {
    this.preErrors.push({
      file: this.file,
      row: this.row,
      column: this.columnName(field),
      value,
      reason: reason.en,
      reasonJa: reason.ja
    });
  };

  /**
   * The coded fields of a row in Hozen's words: class (the dictionary, Hozen's word, the Japanese
   * label, or a register's 勘定科目 and use), category, structure, material and condition grade;
   * words no rule knows are counted. A register row that is no renewable asset is skipped (its
   * reason returned).
   */
  private codedWords(name: string): string | null {
    const raw = this.raw;
    // Class: the dictionary, Hozen's word, the Japanese label, or (registers) 勘定科目 and use.
    const classText = raw('class');
    let assetClass: string =
      this.mapping.classes[classText] ??
      ((ASSET_CLASSES as readonly string[]).includes(classText)
        ? classText
        : (ASSET_CLASSES.find((c) => ASSET_CLASS_LABELS[c].ja === classText) ?? classText));
    if (
      this.format === 'kotei-shisan' &&
      !(ASSET_CLASSES as readonly string[]).includes(assetClass)
    ) {
      const inferred = classOfRegisterRow(classText, raw('category'), name);
      if (!inferred) return classText || '(no account)';
      assetClass = inferred;
    }
    this.assetClass = assetClass;

    // Category: the dictionary, Hozen's word, then keywords of the use and the name.
    const categoryText = raw('category');
    let category = this.mapping.categories[categoryText] ?? categoryText;
    if (assetClass === 'building') {
      category = buildingCategory(this.mapping, categoryText, name) ?? categoryText;
      if (!(BUILDING_CATEGORIES as readonly string[]).includes(category)) {
        const key = categoryText || '(empty)';
        this.unknownCategories.set(key, (this.unknownCategories.get(key) ?? 0) + 1);
      }
    } else if (assetClass === 'road' && category !== 'general' && category !== 'cycle_pedestrian') {
      category = /自転車|歩行者/.test(`${categoryText} ${name}`) ? 'cycle_pedestrian' : 'general';
    }
    this.category = category;

    // Structure: the dictionary, Hozen's code, then keywords.
    const structureText = raw('structure');
    let structure = this.mapping.structures[structureText] ?? structureText;
    const known = assetClass === 'bridge' ? BRIDGE_STRUCTURE_WORDS : BUILDING_STRUCTURE_WORDS;
    if (structure !== '' && !known.includes(structure.toLowerCase()))
      structure = byKeywords(STRUCTURE_KEYWORDS, structure) ?? structure;
    if (
      structure !== '' &&
      (assetClass === 'building' || assetClass === 'bridge') &&
      !known.includes(structure.toLowerCase())
    )
      this.countUnknown('structure', structureText);
    this.structure = structure;

    // A sewer pipe's material: Hozen's word, then the words and codes registers use.
    const materialText = raw('material');
    let material = materialText;
    if (
      assetClass === 'sewer_pipe' &&
      material !== '' &&
      !(SEWER_MATERIALS as readonly string[]).includes(material.toLowerCase())
    )
      material = byKeywords(SEWER_MATERIAL_KEYWORDS, material) ?? material;
    if (
      assetClass === 'sewer_pipe' &&
      material !== '' &&
      !(SEWER_MATERIALS as readonly string[]).includes(material.toLowerCase())
    )
      this.countUnknown('material', materialText);
    this.material = material;

    // Condition grade: Hozen's grade, or the words inspection records use (健全, 概ね良好 …).
    const gradeText = raw('condition_grade');
    let grade = gradeText;
    if (grade !== '' && (assetClass === 'building' || assetClass === 'bridge')) {
      const bridge = assetClass === 'bridge';
      grade =
        byKeywords(bridge ? BRIDGE_GRADE_KEYWORDS : BUILDING_GRADE_KEYWORDS, gradeText) ??
        gradeText;
      if (!(bridge ? BRIDGE_GRADES : BUILDING_GRADES).includes(grade as never))
        this.countUnknown('condition_grade', gradeText);
    }
    this.grade = grade;
    return null;
  }

  /**
   * The year built as a fiscal year, identifiers Excel did not round, the measures read as
   * registers write them, and a facility that exists; problems go to `fail`.
   */
  private measures(): void {
    const { raw, fail } = this;
    // Year built: a fiscal year, a year alone in 西暦 or 和暦 (昭和58年, H14, 平成14年度), or a
    // date (→ its fiscal year).
    const yearText = raw('year_built');
    let year = yearText;
    if (yearText !== '' && !YEAR.test(yearText)) {
      const fiscal = parseJapaneseYear(yearText) ?? fiscalYearOfText(yearText);
      if (fiscal === null)
        fail(
          'year_built',
          yearText,
          said(
            '年度（1983、昭和58年、H14、平成14年度）か、西暦・和暦の日付（2021-04-01、昭和52年4月1日、S52.4.1）',
            'must be a fiscal year (1983, 昭和58年, H14, 平成14年度) or a date in 西暦 or 和暦 (2021-04-01, 昭和52年4月1日, S52.4.1)'
          )
        );
      else year = String(fiscal);
    }
    if (
      YEAR.test(year) &&
      this.options.latestYear !== undefined &&
      Number(year) > this.options.latestYear
    )
      fail(
        'year_built',
        yearText,
        said(
          `未来の年度です（${this.options.latestYear} 年度より後）`,
          `is in the future (after FY${this.options.latestYear})`
        )
      );
    this.year = year;
    this.yearText = yearText;

    // Identifiers Excel rounded (4.00E+12) cannot be read back.
    for (const field of IDENTIFIER_FIELDS) {
      const problem = identifierProblem(raw(field));
      if (problem) fail(field, raw(field), problem);
    }
    // Measures as registers write them (１，２３４㎡, 1.2E+05, 3階): read, or refused with why.
    for (let k = 0; k < NUMBER_FIELDS.length; k++) {
      const field = NUMBER_FIELDS[k]!;
      const text = raw(field);
      // Most cells are empty or plain digits: the validator reads those as they are.
      if (text === '' || PLAIN_NUMBER.test(text)) {
        this.numbers[k] = text;
        continue;
      }
      const read = readNumber(text);
      if (read.ok) this.numbers[k] = read.value === null ? '' : String(read.value);
      else if (read.ambiguous) {
        fail(field, text, read.reason);
        this.numbers[k] = '';
      } else this.numbers[k] = text; // the validator says what it must be
    }

    const facilityCode = raw('facility_code');
    if (facilityCode && this.options.facilityCodes && !this.options.facilityCodes.has(facilityCode))
      fail(
        'facility_code',
        facilityCode,
        said(
          'この施設コードの施設はありません（先に施設を取り込んでください）',
          'no facility has this code (import the facilities first)'
        )
      );

    // 取得年月日: its own column, else the year built when that was written as a whole date (a
    // year alone in digits is none).
    const dateText = raw('acquired_on');
    const date =
      dateText === '' && (yearText === '' || YEAR.test(yearText))
        ? null
        : parseJapaneseDate(dateText === '' ? yearText : dateText);
    this.acquiredOn =
      date && (dateText !== '' || parseJapaneseYear(yearText) === null) ? iso(date) : '';
    if (dateText !== '' && !date)
      fail(
        'acquired_on',
        dateText,
        said(
          '西暦・和暦の日付（2021-04-01、昭和52年4月1日、S52.4.1）、不明なら空欄',
          'must be a date in 西暦 or 和暦 (2021-04-01, 昭和52年4月1日, S52.4.1), or empty'
        )
      );
  }

  /** A field's text in Hozen's terms, as the validator reads it. */
  private readonly checked = (field: AssetField): string => {
    switch (field) {
      case 'class':
        return this.assetClass;
      case 'category':
        return this.category;
      case 'structure':
        return this.structure;
      case 'material':
        return this.material;
      case 'condition_grade':
        return this.grade;
      case 'year_built':
        // A year refused above is not refused twice.
        return YEAR.test(this.year) ? this.year : this.preErrors.length ? '' : this.yearText;
      case 'acquired_on':
        return this.acquiredOn;
      case 'quantity':
      case 'acquisition_yen':
      case 'service_life_years':
      case 'floors':
      case 'diameter_mm':
      case 'soundness':
      case 'importance':
        return this.numbers[NUMBER_INDEX[field]]!;
      case 'unit': {
        // Hozen's CSV names its unit; other formats may leave it to the class.
        const unit = this.raw('unit');
        return unit !== '' || this.format === 'hozen'
          ? unit
          : ((EXPECTED_UNIT as Record<string, string>)[this.assetClass] ?? '');
      }
      default:
        return this.raw(field);
    }
  };

  /**
   * One row: a record, a skipped row (not a renewable asset), or null with its errors in `errors`.
   */
  read(
    cells: readonly string[],
    row: number,
    errors: RowError[],
    /** Fields the caller gives instead of the row (a facility's building: its code, name …). */
    given?: Partial<Record<AssetField, string>>
  ): AssetRecord | { skipped: string } | null {
    this.cells = cells;
    this.row = row;
    this.given = given;
    this.memo.fill(undefined);
    this.preErrors.length = 0;
    const skipped = this.codedWords(this.raw('name'));
    if (skipped !== null) return { skipped };
    this.measures();
    const before = errors.length;
    const record = this.validator.validate(row, errors);
    if (this.preErrors.length) {
      // A field refused above is not refused twice (an ambiguous number is no number either).
      const refused = new Set(this.preErrors.map((e) => e.column));
      const rest = errors.splice(before).filter((e) => !refused.has(e.column));
      for (const e of this.preErrors) errors.push(e);
      for (const e of rest) errors.push(e);
      return null;
    }
    return record;
  }
}

/** Each field's index in ASSET_FIELDS. */
const FIELD_INDEX = Object.fromEntries(ASSET_FIELDS.map((f, i) => [f, i])) as Record<
  AssetField,
  number
>;

/** Hozen's structure codes, as a row's structure is checked against them. */
const BRIDGE_STRUCTURE_WORDS: readonly string[] = BRIDGE_STRUCTURES;
const BUILDING_STRUCTURE_WORDS: readonly string[] = Object.keys(BUILDING_STRUCTURE_LABELS);

/**
 * A facility's code for a list without an ID column: "G" and 8 hex digits of a hash of its name
 * and address (NFKC, spaces removed) — the same facility gets the same code in every import of
 * the list, whatever the order of its rows; two rows of one name at one address are one code
 * (reported as appearing twice). A renamed facility gets a new code.
 */
export function generatedCode(name: string, address: string): string {
  if (!name) return '';
  const text = `${name}|${address}`.normalize('NFKC').replace(/\s+/g, '');
  // FNV-1a, 32 bits: stable across runs and machines, and enough for a city's facilities.
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `G${hash.toString(16).padStart(8, '0')}`;
}

/** Converts facility rows (公共施設一覧 or a mapped table). */
export class FacilityRowReader {
  private readonly columns: Map<string, Resolved>;
  private readonly seen = new Map<string, number>();
  /** Words of the category column that are no use category, with their row counts. */
  readonly unknownCategories = new Map<string, number>();
  /** Where each row's category came from: its column, its name, or nowhere (未分類). */
  readonly categorySources = { column: 0, name: 0, unclassified: 0 };
  /**
   * A 施設カルテ-style table (a facility and its building on one row): the building's fields
   * read as an asset table's. Null when the table has no floor-area column.
   */
  private readonly building: AssetRowReader | null;
  /** Rows with a building whose facility is 未分類: the building waits for a use category. */
  buildingsPending = 0;

  constructor(
    header: readonly string[],
    private readonly mapping: ImportMapping,
    private readonly file: string,
    options: { latestYear?: number } = {}
  ) {
    this.columns = resolveColumns(header, mapping, FACILITY_FIELDS);
    const m = mapping.columns;
    this.building = this.columns.has('floor_area')
      ? new AssetRowReader(
          header,
          {
            ...emptyMapping('assets'),
            columns: {
              quantity: m.floor_area!,
              ...(m.year_built && { year_built: m.year_built }),
              ...(m.structure && { structure: m.structure }),
              ...(m.floors && { floors: m.floors })
            },
            dictionaries: { structure: mapping.dictionaries.structure ?? {} },
            structures: mapping.structures
          },
          'mapped',
          file,
          { latestYear: options.latestYear }
        )
      : null;
  }

  /** Whether the table gives each facility's building (it has a floor-area column). */
  get readsBuildings(): boolean {
    return this.building !== null;
  }

  /** Unknown words of the building's fields (structure …). */
  get unknownWords(): ReadonlyMap<AssetField, ReadonlyMap<string, number>> {
    return this.building?.unknownWords ?? new Map();
  }

  /** Fields the table lacks. A list without an ID column gets codes made from name and address. */
  missing(): FacilityField[] {
    return (['name'] as const).filter(
      (f) => !this.columns.has(f) && this.mapping.values[f] === undefined
    );
  }

  /** Whether the codes are made by Hozen (the table has no ID column). */
  get generatesCodes(): boolean {
    return !this.columns.has('code') && this.mapping.values.code === undefined;
  }

  read(cells: readonly string[], row: number, errors: RowError[]): FacilityRecord | null {
    const raw = (field: FacilityField): string => {
      const c = this.columns.get(field);
      if (!c) return (this.mapping.values[field] ?? '').trim();
      return translate(this.mapping, field, cellValue(cells[c.indices[0]!] ?? ''));
    };
    const column = (field: FacilityField) =>
      this.columns.get(field)?.name ?? `${field} (mapping value)`;
    const before = errors.length;
    const fail = (field: FacilityField, value: string | null, reason: Said) =>
      errors.push({
        file: this.file,
        row,
        column: column(field),
        value,
        reason: reason.en,
        reasonJa: reason.ja
      });

    const code = this.generatesCodes ? generatedCode(raw('name'), raw('address')) : raw('code');
    const problem = identifierProblem(code);
    if (!code) fail('code', null, EMPTY);
    else if (problem) fail('code', code, problem);
    else if (this.seen.has(code)) fail('code', code, appearsAgain(this.seen.get(code)!));
    else this.seen.set(code, row);
    const name = raw('name');
    if (!name) fail('name', null, EMPTY);

    // The use category: the file's word (or the mapping's dictionary), else what the name says,
    // else 未分類 — never a refusal: the facility is imported and listed to classify.
    // Hozen's own open-data export names the category in 備考 (施設分類：学校教育系施設): the
    // standard's columns have none.
    const { tagged, note } = categoryTag(raw('note'));
    const categoryText = raw('category') || tagged;
    let category = buildingCategory(this.mapping, categoryText, '');
    if (category) this.categorySources.column += 1;
    else {
      if (categoryText)
        this.unknownCategories.set(
          categoryText,
          (this.unknownCategories.get(categoryText) ?? 0) + 1
        );
      category = byKeywords(CATEGORY_KEYWORDS, name);
      if (category) this.categorySources.name += 1;
      else {
        category = UNCLASSIFIED;
        this.categorySources.unclassified += 1;
      }
    }

    const coordinate = (field: 'lon' | 'lat', min: number, max: number): number | null => {
      const read = readNumber(raw(field));
      if (read.ok && read.value === null) return null;
      const value = read.ok ? read.value! : NaN;
      if (!Number.isFinite(value) || value < min || value > max) {
        fail(
          field,
          raw(field),
          said(
            `${min}〜${max} の${field === 'lon' ? '経度' : '緯度'}（度）、または空欄`,
            `must be a ${field === 'lon' ? 'longitude' : 'latitude'} from ${min} to ${max} (degrees), or empty`
          )
        );
        return null;
      }
      return value;
    };
    const lon = coordinate('lon', 120, 155);
    const lat = coordinate('lat', 20, 46);
    if ((lon === null) !== (lat === null) && errors.length === before)
      fail(
        lon === null ? 'lon' : 'lat',
        null,
        said('もう一方の座標があるのに空欄です', 'is empty while the other coordinate is given')
      );

    if (errors.length !== before) return null;
    let building: AssetRecord | null = null;
    if (this.building && cellValue(cells[this.columns.get('floor_area')!.indices[0]!] ?? '')) {
      // A building needs a 総務省 category: one of a 未分類 facility waits until it has one.
      if (category === UNCLASSIFIED) this.buildingsPending += 1;
      else {
        const read = this.building.read(cells, row, errors, {
          code: `${code}-B`,
          name,
          class: 'building',
          category,
          unit: 'm2',
          facility_code: code,
          lon: lon === null ? '' : String(lon),
          lat: lat === null ? '' : String(lat)
        });
        if (!read || 'skipped' in read) return null;
        building = read;
      }
    }
    return {
      building,
      code,
      name,
      nameKana: raw('name_kana') || null,
      category,
      address: raw('address') || null,
      lon,
      lat,
      isShelter: /^(1|true|yes|○|〇|指定|避難所)$/i.test(raw('is_shelter')),
      note: note || null,
      row
    };
  }
}

/** The line in 備考 where Hozen's open-data export names the category, and the rest. */
export const CATEGORY_TAG = '施設分類：';
function categoryTag(text: string): { tagged: string; note: string } {
  const lines = text.split(/\r?\n/);
  const k = lines.findIndex((l) => l.startsWith(CATEGORY_TAG));
  if (k < 0) return { tagged: '', note: text };
  const tagged = lines[k]!.slice(CATEGORY_TAG.length).trim();
  return {
    tagged,
    note: lines
      .filter((_, j) => j !== k)
      .join('\n')
      .trim()
  };
}
