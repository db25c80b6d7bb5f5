/** Consultations (パブリックコメント) and the comments sent to them, as stored. */
import { sql, type Insertable, type Kysely } from 'kysely';
import type { ConsultationsTable, Database, PublicCommentsTable } from '../db/database';
import { TOPICS, type CommentState } from '../../consultation';

export function consultationRows(db: Kysely<Database>) {
  return db.selectFrom('consultations').selectAll().orderBy('id', 'desc').execute();
}

export function consultationRow(db: Kysely<Database>, id: number) {
  return db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The consultations open on `today` (one indexed read: id, title, last day). */
export function openConsultationRows(db: Kysely<Database>, today: string) {
  return db
    .selectFrom('consultations')
    .select(['id', 'title', 'closes_on'])
    .where('opens_on', '<=', today)
    .where('closes_on', '>=', today)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertConsultation(
  db: Kysely<Database>,
  row: Insertable<ConsultationsTable>
): Promise<number> {
  const { id } = await db
    .insertInto('consultations')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function setConsultationClosingDay(
  db: Kysely<Database>,
  id: number,
  closesOn: string,
  now: string
): Promise<void> {
  await db
    .updateTable('consultations')
    .set({ closes_on: closesOn, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** Comments counted by state, of one consultation or (null) of each. */
export async function commentCountRows(db: Kysely<Database>, consultationId: number | null) {
  let q = db
    .selectFrom('public_comments')
    .select(['consultation_id', 'status', db.fn.countAll<number>().as('n')])
    .groupBy(['consultation_id', 'status']);
  if (consultationId !== null) q = q.where('consultation_id', '=', consultationId);
  return (await q.execute()).map((r) => ({
    consultationId: r.consultation_id,
    status: r.status as CommentState,
    n: Number(r.n)
  }));
}

/** Comments sent from one address (its hash) after `since`, and comments waiting in one consultation. */
export async function commentLoad(
  db: Kysely<Database>,
  addressHash: string,
  since: string,
  consultationId: number
): Promise<{ recent: number; pending: number }> {
  const [recent, pending] = await Promise.all([
    db
      .selectFrom('public_comments')
      .select(db.fn.countAll<number>().as('n'))
      .where('address_hash', '=', addressHash)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('public_comments')
      .select(db.fn.countAll<number>().as('n'))
      .where('consultation_id', '=', consultationId)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow()
  ]);
  return { recent: Number(recent.n), pending: Number(pending.n) };
}

/** Whether a check question's nonce was already used by a stored comment. */
export async function nonceUsed(db: Kysely<Database>, nonce: string): Promise<boolean> {
  return !!(await db
    .selectFrom('public_comments')
    .select('id')
    .where('nonce', '=', nonce)
    .executeTakeFirst());
}

export async function insertComment(
  db: Kysely<Database>,
  row: Insertable<PublicCommentsTable>
): Promise<void> {
  await db.insertInto('public_comments').values(row).execute();
}

/** A consultation's comments by facility (the whole plan first), topic (as TOPICS lists them), then id. */
export function commentRows(
  db: Kysely<Database>,
  consultationId: number,
  status: CommentState | null,
  page: { limit: number; offset: number } | null
) {
  let q = db
    .selectFrom('public_comments')
    .leftJoin('facilities', 'facilities.code', 'public_comments.facility_code')
    .select([
      'public_comments.id',
      'public_comments.facility_code',
      'facilities.name as facility_name',
      'public_comments.topic',
      'public_comments.body',
      'public_comments.status',
      'public_comments.answer',
      'public_comments.answered_by',
      'public_comments.created_at'
    ])
    .where('public_comments.consultation_id', '=', consultationId);
  if (status) q = q.where('public_comments.status', '=', status);
  const order = Object.keys(TOPICS);
  const topicRank = sql<number>`case public_comments.topic ${sql.join(
    order.map((t, k) => sql`when ${sql.lit(t)} then ${sql.lit(k)}`),
    sql` `
  )} else ${sql.lit(order.length)} end`;
  q = q
    .orderBy(sql`coalesce(public_comments.facility_code, '')`)
    .orderBy(topicRank)
    .orderBy('public_comments.id');
  if (page) q = q.limit(page.limit).offset(page.offset);
  return q.execute();
}

export function commentRow(db: Kysely<Database>, consultationId: number, commentId: number) {
  return db
    .selectFrom('public_comments')
    .selectAll()
    .where('id', '=', commentId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
}

export async function updateComment(
  db: Kysely<Database>,
  commentId: number,
  changes: Partial<
    Pick<
      Insertable<PublicCommentsTable>,
      | 'status'
      | 'moderated_by'
      | 'moderated_at'
      | 'answer'
      | 'topic'
      | 'answered_by'
      | 'answered_at'
    >
  >
): Promise<void> {
  await db.updateTable('public_comments').set(changes).where('id', '=', commentId).execute();
}
