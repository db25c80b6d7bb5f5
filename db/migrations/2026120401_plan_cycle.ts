/**
 * The plan cycle (PDCA): the city's 個別施設計画 in versions (a draft, the adopted plan, the plans
 * it superseded), its dated actions per facility or asset, the works actually done (実績) with
 * their cost and documents. Portable: plain CREATE TABLE on SQLite and PostgreSQL alike (documents
 * as BLOB on SQLite, BYTEA on PostgreSQL).
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();

  await db.schema
    .createTable('plan_versions')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (col) => col.notNull())
    /** The fiscal year the version is (to be) adopted for. */
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    /** draft | adopted | superseded: one adopted version at a time. */
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('draft'))
    .addColumn('based_on', 'integer')
    .addColumn('adopted_at', 'text')
    .addColumn('adopted_by', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('plan_items')
    .addColumn('id', 'integer', id)
    .addColumn('plan_id', 'integer', (col) =>
      col.notNull().references('plan_versions.id').onDelete('cascade')
    )
    /** The facility (all its buildings) or the one asset the action is on. */
    .addColumn('facility_code', 'text')
    .addColumn('asset_code', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    /** Yen as planned; null: estimated from the standard when shown. */
    .addColumn('cost_yen', 'bigint')
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('planned'))
    /** Consolidation: the facility it joins. */
    .addColumn('into_facility', 'text')
    .addColumn('reason', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('plan_items_plan_idx').on('plan_items').column('plan_id').execute();

  await db.schema
    .createTable('actuals')
    .addColumn('id', 'integer', id)
    .addColumn('asset_code', 'text', (col) => col.notNull())
    .addColumn('work_type', 'text', (col) => col.notNull())
    /** Completion date (YYYY-MM-DD) and its fiscal year. */
    .addColumn('completed_on', 'text', (col) => col.notNull())
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('cost_yen', 'bigint', (col) => col.notNull())
    .addColumn('contractor', 'text')
    .addColumn('note', 'text')
    /** The plan item it carries out, when there is one. */
    .addColumn('plan_item_id', 'integer', (col) =>
      col.references('plan_items.id').onDelete('set null')
    )
    /** The file it was imported from, or null when recorded on a card. */
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('actuals_asset_idx').on('actuals').column('asset_code').execute();

  await db.schema
    .createTable('actual_documents')
    .addColumn('id', 'integer', id)
    .addColumn('actual_id', 'integer', (col) =>
      col.notNull().references('actuals.id').onDelete('cascade')
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('mime', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('content', postgres ? 'bytea' : 'blob', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('actual_documents_actual_idx')
    .on('actual_documents')
    .column('actual_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('actual_documents').execute();
  await db.schema.dropTable('actuals').execute();
  await db.schema.dropTable('plan_items').execute();
  await db.schema.dropTable('plan_versions').execute();
}
