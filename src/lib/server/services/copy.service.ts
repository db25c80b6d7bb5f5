/**
 * Copying a whole Hozen database into another, empty one — SQLite to PostgreSQL when a city
 * switches, or back — row for row, ids kept, in one transaction on the target. The source is only
 * read; it must be at this Hozen's latest schema.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';
import { insertInBatches } from '../db/batch';
import { latestMigrationName, migrateToLatest } from '../db/migrate';
import { isPostgres, refreshStatistics } from '../db/postgres';
import { migrations } from '../../../../db/migrations/index';

export class CopyError extends Error {
  override name = 'CopyError';
}

/**
 * Every table of the latest schema, parents before the rows that reference them; with the column
 * that orders (and pages) its rows. A table missing here makes the copy refuse to start.
 */
export const COPY_ORDER: readonly {
  table: keyof Database;
  key: string;
  serial: boolean;
  /** Rows per page when the table's rows are large (documents: up to 5 MB each). */
  page?: number;
}[] = [
  { table: 'settings', key: 'key', serial: false },
  { table: 'facilities', key: 'id', serial: true },
  { table: 'assets', key: 'id', serial: true },
  { table: 'inspections', key: 'id', serial: true },
  { table: 'hazard_zones', key: 'id', serial: true },
  { table: 'basemap_features', key: 'id', serial: true },
  { table: 'users', key: 'id', serial: true },
  { table: 'standards', key: 'id', serial: true },
  { table: 'scenarios', key: 'id', serial: true },
  { table: 'scenario_runs', key: 'id', serial: true },
  { table: 'audit_log', key: 'id', serial: true },
  { table: 'share_links', key: 'id', serial: true },
  { table: 'sessions', key: 'token_hash', serial: false },
  { table: 'login_failures', key: 'id', serial: true },
  { table: 'plan_versions', key: 'id', serial: true },
  { table: 'plan_items', key: 'id', serial: true },
  { table: 'actuals', key: 'id', serial: true },
  { table: 'actual_documents', key: 'id', serial: true, page: 8 },
  { table: 'population_areas', key: 'id', serial: true },
  { table: 'facility_usage', key: 'id', serial: true },
  { table: 'consultations', key: 'id', serial: true },
  { table: 'public_comments', key: 'id', serial: true },
  { table: 'facility_photos', key: 'id', serial: true, page: 8 }
];

const PAGE = 5_000;

async function appliedMigrations(db: Kysely<Database>): Promise<string[]> {
  const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((t) => t.name === 'kysely_migration')) return [];
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return rows.map((r) => r.name);
}

async function count(db: Kysely<Database>, table: keyof Database): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface CopyReport {
  /** Rows copied per table. */
  rows: Record<string, number>;
}

/**
 * Copies every row of `from` into `to` (migrated first; it must hold no rows). All or nothing: a
 * failure leaves `to` with its tables and no rows. Checks the counts afterwards.
 */
export async function copyDatabase(
  from: Kysely<Database>,
  to: Kysely<Database>,
  onTable?: (table: string, rows: number) => void
): Promise<CopyReport> {
  const applied = await appliedMigrations(from);
  const missing = Object.keys(migrations).filter((m) => !applied.includes(m));
  const unknown = applied.filter((m) => !(m in migrations));
  if (unknown.length)
    throw new CopyError(
      `the source comes from a newer Hozen (unknown migration ${unknown.join(', ')})`
    );
  if (missing.length)
    throw new CopyError(
      `the source is not at the latest schema (${latestMigrationName()}): run npm run migrate on it first`
    );
  const tables = (await from.introspection.getTables()).map((t) => t.name);
  const unlisted = tables.filter((t) => !COPY_ORDER.some((c) => c.table === t));
  if (unlisted.length)
    throw new CopyError(`tables this copy does not know: ${unlisted.join(', ')}`);

  await migrateToLatest(to);
  for (const { table } of COPY_ORDER)
    if ((await count(to, table)) > 0)
      throw new CopyError(
        `the target already holds data (table ${table}); copy only into a new, empty database`
      );

  const report: CopyReport = { rows: {} };
  await to.transaction().execute(async (trx) => {
    for (const { table, key, page = PAGE } of COPY_ORDER) {
      let copied = 0;
      let after: string | number | null = null;
      for (;;) {
        let query = from.selectFrom(table).selectAll().orderBy(sql.ref(key)).limit(page);
        if (after !== null) query = query.where(sql.ref(key), '>', after);
        const rows = (await query.execute()) as unknown as Record<string, string | number>[];
        if (rows.length === 0) break;
        await insertInBatches(trx, table, rows as never[]);
        copied += rows.length;
        after = rows[rows.length - 1]![key]!;
        if (rows.length < page) break;
      }
      report.rows[table] = copied;
      onTable?.(table, copied);
    }
    // PostgreSQL's identity columns count on from their own sequence: move it past the ids copied.
    if (isPostgres(trx as unknown as Kysely<Database>))
      for (const { table, serial } of COPY_ORDER)
        if (serial)
          await sql`select setval(pg_get_serial_sequence(${table}, 'id'),
                     coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
            trx
          );
  });
  for (const { table } of COPY_ORDER) {
    const [a, b] = [await count(from, table), await count(to, table)];
    if (a !== b) throw new CopyError(`table ${table}: ${a} rows in the source, ${b} copied`);
  }
  await refreshStatistics(to);
  return report;
}
