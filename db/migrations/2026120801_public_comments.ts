/**
 * Public comment (パブリックコメント): a consultation an administrator opens on a plan version or a
 * published scenario comparison for a period, and the comments anyone sends to it — held for
 * moderation (nothing is shown before an administrator approves it), then answered by staff
 * (市の考え方). A comment keeps no address, only a salted hash of it for the per-address limit,
 * and the one-use nonce of the challenge it answered. Portable: plain CREATE TABLE.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: any) =>
    postgres ? col.generatedByDefaultAsIdentity().primaryKey() : col.primaryKey().autoIncrement();
  await db.schema
    .createTable('consultations')
    .addColumn('id', 'integer', id)
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('description', 'text')
    .addColumn('plan_id', 'integer', (col) =>
      col.references('plan_versions.id').onDelete('set null')
    )
    .addColumn('scenario_ids', 'text')
    .addColumn('opens_on', 'text', (col) => col.notNull())
    .addColumn('closes_on', 'text', (col) => col.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('public_comments')
    .addColumn('id', 'integer', id)
    .addColumn('consultation_id', 'integer', (col) =>
      col.notNull().references('consultations.id').onDelete('cascade')
    )
    .addColumn('facility_code', 'text')
    .addColumn('topic', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().defaultTo('pending'))
    .addColumn('moderated_by', 'text')
    .addColumn('moderated_at', 'text')
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('address_hash', 'text', (col) => col.notNull())
    .addColumn('nonce', 'text', (col) => col.notNull().unique())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('public_comments_consultation')
    .on('public_comments')
    .columns(['consultation_id', 'status'])
    .execute();
  await db.schema
    .createIndex('public_comments_address')
    .on('public_comments')
    .columns(['address_hash', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_comments').execute();
  await db.schema.dropTable('consultations').execute();
}
