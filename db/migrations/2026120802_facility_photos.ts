/**
 * A facility's photo for its public page (one per facility): the image without its metadata, its
 * type, and the text that describes it to a reader who cannot see it (required). Portable: plain
 * CREATE TABLE, the image as a blob (bytea on PostgreSQL).
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('facility_photos')
    .addColumn('id', 'integer', id)
    .addColumn('facility_id', 'integer', (col) =>
      col.notNull().unique().references('facilities.id').onDelete('cascade')
    )
    .addColumn('mime', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('content', postgres ? 'bytea' : 'blob', (col) => col.notNull())
    .addColumn('alt', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('facility_photos').execute();
}
