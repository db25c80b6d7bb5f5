/**
 * Population by small area (町丁・字 or a 250 m / 500 m / 1 km mesh) for the demand side: one row
 * per area and census year, its counts by sex and five-year age group as JSON ({"m": [18], "f":
 * [18]}: 0–4 … 80–84, 85+), its representative point and boundary. Portable: plain CREATE TABLE.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('population_areas')
    .addColumn('id', 'integer', id)
    .addColumn('code', 'text', (col) => col.notNull())
    .addColumn('name', 'text', (col) => col.notNull())
    /** chome (町丁・字) | mesh250 | mesh500 | mesh1km | other */
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('year', 'integer', (col) => col.notNull())
    .addColumn('counts', 'text', (col) => col.notNull())
    .addColumn('total', 'double precision', (col) => col.notNull())
    .addColumn('lon', 'double precision', (col) => col.notNull())
    .addColumn('lat', 'double precision', (col) => col.notNull())
    .addColumn('geometry', 'text', (col) => col.notNull())
    .addColumn('source', 'text')
    .execute();
  await db.schema
    .createIndex('population_areas_code_year')
    .on('population_areas')
    .columns(['code', 'year'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('population_areas').execute();
}
