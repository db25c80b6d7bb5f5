/** Works done (実績) and their documents as stored. */
import type { Kysely } from 'kysely';
import type { ActualRow, Database, NewActualRow } from '../db/database';
import type { ActualWorkType, WorkDone } from '../../engine/actuals';

/** Every work done, as the engines take them. */
export async function worksDone(db: Kysely<Database>): Promise<WorkDone[]> {
  const rows = await db
    .selectFrom('actuals')
    .select(['asset_code', 'work_type', 'fiscal_year'])
    .execute();
  return rows.map((r) => ({
    assetCode: r.asset_code,
    workType: r.work_type as ActualWorkType,
    fiscalYear: r.fiscal_year
  }));
}

/** The works done on these assets, newest first. */
export function actualsOf(
  db: Kysely<Database>,
  assetCodes: readonly string[]
): Promise<ActualRow[]> {
  if (!assetCodes.length) return Promise.resolve([]);
  return db
    .selectFrom('actuals')
    .selectAll()
    .where('asset_code', 'in', [...assetCodes])
    .orderBy('completed_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The works done in fiscal years `from`…`to`, with their asset's class and category. */
export function actualsInYears(db: Kysely<Database>, from: number, to: number) {
  return db
    .selectFrom('actuals')
    .leftJoin('assets', 'assets.code', 'actuals.asset_code')
    .select([
      'actuals.id',
      'actuals.asset_code',
      'actuals.work_type',
      'actuals.fiscal_year',
      'actuals.cost_yen',
      'actuals.plan_item_id',
      'assets.asset_class',
      'assets.category'
    ])
    .where('actuals.fiscal_year', '>=', from)
    .where('actuals.fiscal_year', '<=', to)
    .execute();
}

/** Records works done; their ids, in order. */
export async function insertActuals(
  db: Kysely<Database>,
  rows: readonly NewActualRow[]
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await db
      .insertInto('actuals')
      .values(rows.slice(i, i + 500) as NewActualRow[])
      .returning('id')
      .execute();
    ids.push(...inserted.map((r) => r.id));
  }
  return ids;
}

/** Stores a document of a work done. */
export async function insertActualDocument(
  db: Kysely<Database>,
  row: { actual_id: number; name: string; mime: string; content: Uint8Array },
  now: string
): Promise<void> {
  await db
    .insertInto('actual_documents')
    .values({ ...row, size: row.content.byteLength, created_at: now })
    .execute();
}

/** The documents' names and sizes of these works done (not their content). */
export function documentsOf(db: Kysely<Database>, actualIds: readonly number[]) {
  if (!actualIds.length) return Promise.resolve([]);
  return db
    .selectFrom('actual_documents')
    .select(['id', 'actual_id', 'name', 'mime', 'size'])
    .where('actual_id', 'in', [...actualIds])
    .orderBy('id')
    .execute();
}

/** One document with its content, or undefined. */
export function actualDocument(db: Kysely<Database>, id: number) {
  return db.selectFrom('actual_documents').selectAll().where('id', '=', id).executeTakeFirst();
}
