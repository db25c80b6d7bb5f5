/**
 * A facility's use year by year (利用実績): users, yearly cost, capacity (定員) and those enrolled
 * (在籍者数・児童数) per fiscal year, as the city records them — the trend behind cost per user and
 * occupancy. One row per facility and year. Portable: plain CREATE TABLE.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('facility_usage')
    .addColumn('id', 'integer', id)
    .addColumn('facility_id', 'integer', (col) =>
      col.notNull().references('facilities.id').onDelete('cascade')
    )
    .addColumn('fiscal_year', 'integer', (col) => col.notNull())
    .addColumn('users', 'double precision')
    .addColumn('cost_yen', 'double precision')
    .addColumn('capacity', 'double precision')
    .addColumn('enrolled', 'double precision')
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('facility_usage_facility_year')
    .on('facility_usage')
    .columns(['facility_id', 'fiscal_year'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('facility_usage').execute();
}
