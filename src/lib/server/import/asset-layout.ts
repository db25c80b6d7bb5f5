/**
 * The database columns an import writes for each asset, in one order for the whole file, and an
 * asset record as the values of those columns. Only the fields the file gives are columns (a
 * register without coordinates never erases an asset's geometry). Built where the rows are
 * checked (the compute pool's worker) so that the writer binds each row as it comes.
 */
import type { AssetField, AssetRecord } from '../../io/asset-record';
import { bboxOf } from '../../geo/bbox';

/**
 * Optional fields: written when the file gives them (field, column, the record's value — one
 * reader per field, so that each reads one property of one shape of record).
 */
const OPTIONAL: readonly (readonly [AssetField, string, (r: AssetRecord) => unknown])[] = [
  ['year_built', 'year_built', (r) => r.yearBuilt],
  ['structure', 'structure', (r) => r.structure],
  ['material', 'material', (r) => r.material],
  ['diameter_mm', 'diameter_mm', (r) => r.diameterMm],
  ['floors', 'floors', (r) => r.floors],
  ['condition_grade', 'condition_grade', (r) => r.conditionGrade],
  ['soundness', 'soundness', (r) => r.soundness],
  ['importance', 'importance', (r) => r.importance],
  ['acquisition_yen', 'acquisition_yen', (r) => r.acquisitionYen],
  ['service_life_years', 'service_life_years', (r) => r.serviceLifeYears],
  ['acquired_on', 'acquired_on', (r) => r.acquiredOn],
  ['facility_code', 'facility_id', (r) => r.facilityCode]
];

/** The columns every import writes, in this order (`values` fills them so). */
const REQUIRED_COLUMNS = [
  'code',
  'name',
  'asset_class',
  'category',
  'quantity',
  'unit',
  'length_m'
] as const;

export const GEOMETRY_COLUMNS = ['geometry', 'min_lon', 'min_lat', 'max_lon', 'max_lat'] as const;

export interface AssetLayout {
  /** The columns in order: `code` first. */
  columns: readonly string[];
  /** Whether the geometry (and its bounding box) is among them. */
  geometry: boolean;
  /** A record as the columns' values (its facility by id: null when none has its code). */
  values(record: AssetRecord): unknown[];
}

export function assetLayout(
  provided: ReadonlySet<AssetField>,
  facilityIds: ReadonlyMap<string, number>
): AssetLayout {
  const optional = OPTIONAL.filter(([field]) => provided.has(field));
  // The facility by id (null when none has the code); the others as the record has them.
  const readers = optional.map(([field, , read]) =>
    field === 'facility_code'
      ? (r: AssetRecord) => (r.facilityCode ? (facilityIds.get(r.facilityCode) ?? null) : null)
      : read
  );
  const geometry = provided.has('geometry');
  const columns = [
    ...REQUIRED_COLUMNS,
    ...optional.map(([, column]) => column),
    ...(geometry ? GEOMETRY_COLUMNS : [])
  ];
  // Each row a copy of this one, filled in: an array of its final length from the start (grown
  // value by value, it was reallocated twice a row) whose values are any (never holey: the
  // structured clone to the writer sends a holey array property by property).
  const blank: unknown[] = columns.map(() => null);
  const first = REQUIRED_COLUMNS.length;
  return {
    columns,
    geometry,
    values(r) {
      const values = blank.slice();
      values[0] = r.code;
      values[1] = r.name;
      values[2] = r.assetClass;
      values[3] = r.category;
      values[4] = r.quantity;
      values[5] = r.unit;
      values[6] = r.unit === 'm' ? r.quantity : null;
      for (let k = 0; k < readers.length; k++) values[first + k] = readers[k]!(r);
      if (geometry) {
        const at = first + readers.length;
        if (r.geometry) {
          const box = bboxOf(r.geometry);
          values[at] = JSON.stringify(r.geometry);
          values[at + 1] = box.min_lon;
          values[at + 2] = box.min_lat;
          values[at + 3] = box.max_lon;
          values[at + 4] = box.max_lat;
        } else {
          values[at] = 'null';
          values[at + 1] = values[at + 2] = values[at + 3] = values[at + 4] = 0;
        }
      }
      return values;
    }
  };
}

/** In-memory records (a GIS layer, a list's buildings) as one batch of `layout`'s rows. */
export async function* layoutRows(
  layout: AssetLayout,
  records: readonly AssetRecord[]
): AsyncIterable<unknown[][]> {
  yield records.map((r) => layout.values(r));
}
