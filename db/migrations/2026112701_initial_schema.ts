/**
 * The first Hozen schema: facilities, assets with their geometry, inspections, hazard zones, the
 * offline basemap, lifecycle standards, scenarios and their runs, users and the audit log.
 *
 * Portable SQL only (it must also run on PostgreSQL through Kysely's Postgres dialect): text,
 * integer, bigint and double precision columns; timestamps as ISO-8601 text; booleans as 0/1
 * integers; JSON documents as text. Never edit this file once landed: add a new migration.
 */
import { PostgresAdapter, type ColumnDefinitionBuilder, type Kysely } from 'kysely';

/** Surrogate integer key: an identity column on PostgreSQL, an autoincrement rowid on SQLite. */
function idColumn(db: Kysely<any>) {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return (col: ColumnDefinitionBuilder) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
}

export async function up(db: Kysely<any>): Promise<void> {
  const id = idColumn(db);

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('facilities')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('name_kana', 'text')
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('address', 'text')
    .addColumn('lon', 'double precision')
    .addColumn('lat', 'double precision')
    .addColumn('yearly_users', 'integer')
    .addColumn('running_cost_yen', 'bigint')
    .addColumn('is_shelter', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('facilities_category_idx')
    .on('facilities')
    .column('category')
    .execute();

  await db.schema
    .createTable('assets')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('facility_id', 'integer', (col) =>
      col.references('facilities.id').onDelete('restrict')
    )
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('asset_class', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('subcategory', 'text')
    .addColumn('year_built', 'integer')
    .addColumn('quantity', 'double precision', (col) => col.notNull())
    .addColumn('unit', 'text', (col) => col.notNull())
    .addColumn('length_m', 'double precision')
    .addColumn('width_m', 'double precision')
    .addColumn('structure', 'text')
    .addColumn('material', 'text')
    .addColumn('diameter_mm', 'integer')
    .addColumn('floors', 'integer')
    .addColumn('condition_grade', 'text')
    .addColumn('soundness', 'double precision')
    .addColumn('importance', 'integer', (col) => col.notNull().defaultTo(3))
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('active'))
    .addColumn('geometry', 'text', (col) => col.notNull())
    .addColumn('min_lon', 'double precision', (col) => col.notNull())
    .addColumn('min_lat', 'double precision', (col) => col.notNull())
    .addColumn('max_lon', 'double precision', (col) => col.notNull())
    .addColumn('max_lat', 'double precision', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('assets_class_category_idx')
    .on('assets')
    .columns(['asset_class', 'category'])
    .execute();
  await db.schema.createIndex('assets_facility_idx').on('assets').column('facility_id').execute();
  await db.schema.createIndex('assets_year_built_idx').on('assets').column('year_built').execute();
  await db.schema
    .createIndex('assets_bbox_idx')
    .on('assets')
    .columns(['min_lon', 'max_lon', 'min_lat', 'max_lat'])
    .execute();

  await db.schema
    .createTable('inspections')
    .addColumn('id', 'integer', id)
    .addColumn('asset_id', 'integer', (col) =>
      col.notNull().references('assets.id').onDelete('cascade')
    )
    .addColumn('inspected_on', 'text', (col) => col.notNull())
    .addColumn('part', 'text', (col) => col.notNull().defaultTo('overall'))
    .addColumn('grade', 'text', (col) => col.notNull())
    .addColumn('soundness', 'double precision')
    .addColumn('inspector', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('inspections_asset_idx')
    .on('inspections')
    .columns(['asset_id', 'inspected_on'])
    .execute();

  await db.schema
    .createTable('hazard_zones')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('level', 'text', (col) => col.notNull())
    .addColumn('depth_min_m', 'double precision')
    .addColumn('depth_max_m', 'double precision')
    .addColumn('name', 'text')
    .addColumn('source', 'text')
    .addColumn('geometry', 'text', (col) => col.notNull())
    .addColumn('min_lon', 'double precision', (col) => col.notNull())
    .addColumn('min_lat', 'double precision', (col) => col.notNull())
    .addColumn('max_lon', 'double precision', (col) => col.notNull())
    .addColumn('max_lat', 'double precision', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('basemap_features')
    .addColumn('id', 'integer', id)
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('name', 'text')
    .addColumn('geometry', 'text', (col) => col.notNull())
    .addColumn('min_lon', 'double precision', (col) => col.notNull())
    .addColumn('min_lat', 'double precision', (col) => col.notNull())
    .addColumn('max_lon', 'double precision', (col) => col.notNull())
    .addColumn('max_lat', 'double precision', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', id)
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('role', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('is_active', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('standards')
    .addColumn('id', 'integer', id)
    .addColumn('key', 'text', (col) => col.notNull().unique())
    .addColumn('name_ja', 'text', (col) => col.notNull())
    .addColumn('name_en', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('is_builtin', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('based_on_id', 'integer', (col) =>
      col.references('standards.id').onDelete('set null')
    )
    .addColumn('params', 'text')
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

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
    .createTable('scenarios')
    .addColumn('id', 'integer', id)
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('standard_id', 'integer', (col) =>
      col.notNull().references('standards.id').onDelete('restrict')
    )
    .addColumn('start_year', 'integer', (col) => col.notNull())
    .addColumn('horizon_years', 'integer', (col) => col.notNull())
    .addColumn('params', 'text', (col) => col.notNull())
    .addColumn('is_preset', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('share_token', 'text', (col) => col.unique())
    .addColumn('created_by', 'integer', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
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

  await db.schema
    .createTable('scenario_runs')
    .addColumn('id', 'integer', id)
    .addColumn('scenario_id', 'integer', (col) =>
      col.notNull().references('scenarios.id').onDelete('cascade')
    )
    .addColumn('input_hash', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('started_at', 'text', (col) => col.notNull())
    .addColumn('finished_at', 'text')
    .addColumn('duration_ms', 'double precision')
    .addColumn('summary', 'text')
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('scenario_runs_lookup_idx')
    .on('scenario_runs')
    .columns(['scenario_id', 'input_hash'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', id)
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('user_id', 'integer', (col) => col.references('users.id').onDelete('set null'))
    .addColumn('username', 'text')
    .addColumn('action', 'text', (col) => col.notNull())
    .addColumn('entity', 'text', (col) => col.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('audit_log_entity_idx')
    .on('audit_log')
    .columns(['entity', 'entity_id'])
    .execute();
  await db.schema.createIndex('audit_log_at_idx').on('audit_log').column('at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'audit_log',
    'scenario_runs',
    'scenario_overrides',
    'scenarios',
    'lifecycle_policies',
    'standards',
    'users',
    'basemap_features',
    'hazard_zones',
    'inspections',
    'assets',
    'facilities',
    'settings'
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
