/**
 * Drops two tables the first schema created and nothing ever used: `lifecycle_policies` (the
 * standards keep their rules as data in `standards.definition`) and `scenario_overrides` (a
 * scenario's overrides live in its `params`). Both are empty in every Hozen database; down()
 * recreates them as the first schema had them.
 */
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scenario_overrides').ifExists().execute();
  await db.schema.dropTable('lifecycle_policies').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: ColumnDefinitionBuilder) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('lifecycle_policies')
    .addColumn('id', 'integer', id)
    .addColumn('standard_id', 'integer', (col) =>
      col.notNull().references('standards.id').onDelete('cascade')
    )
    .addColumn('asset_class', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('work_type', 'text', (col) => col.notNull())
    .addColumn('at_age', 'integer')
    .addColumn('cycle_years', 'integer')
    .addColumn('unit_cost_yen', 'double precision')
    .addColumn('cost_ratio', 'double precision')
    .addColumn('spread_years', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('unit', 'text')
    .addColumn('params', 'text')
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('source_status', 'text', (col) => col.notNull().defaultTo('confirmed'))
    .execute();
  await db.schema
    .createIndex('lifecycle_policies_standard_idx')
    .on('lifecycle_policies')
    .columns(['standard_id', 'asset_class', 'category'])
    .execute();
  await db.schema
    .createTable('scenario_overrides')
    .addColumn('id', 'integer', id)
    .addColumn('scenario_id', 'integer', (col) =>
      col.notNull().references('scenarios.id').onDelete('cascade')
    )
    .addColumn('target_kind', 'text', (col) => col.notNull())
    .addColumn('target', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('params', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('scenario_overrides_scenario_idx')
    .on('scenario_overrides')
    .column('scenario_id')
    .execute();
}
