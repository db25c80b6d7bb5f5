/**
 * Public comment (パブリックコメント): an administrator opens a consultation on a plan version or a
 * published scenario comparison for a period; anyone sends comments on the whole or on one
 * facility; each waits for an administrator's approval before it is shown; staff answer them
 * (市の考え方), grouped by facility and topic, and export the list with the answers
 * (「意見と市の考え方」). The abuse controls are in `comment-guard.ts`.
 */
import { sql, type Kysely } from 'kysely';
import type { ConsultationRow, Database, PublicCommentRow } from '../db/database';
import { said, SaidError, type Said } from '../../i18n/said';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { planVersion } from '../repositories/plans.repository';
import {
  ANSWER_MAX,
  COMMENT_MAX,
  cityToday,
  isTopic,
  TOPICS,
  periodOn,
  type CommentState,
  type Period,
  type Topic
} from '../../consultation';
import {
  addressHash,
  checkChallenge,
  commentSecret,
  commentsPerHour,
  issueChallenge,
  type Challenge
} from '../comment-guard';
import { RateLimiter } from '../rate-limit';
import { portalSettings } from './public-portal.service';

export class ConsultationError extends SaidError<400 | 404 | 409 | 429> {}

/** Comments waiting for moderation that one consultation holds at most (storage stays bounded). */
export const PENDING_MAX = 20_000;
const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Text as taken from a form: NFC, line breaks one kind, no control characters but line breaks and tabs. */
function cleanText(v: string): string {
  return (
    v
      .normalize('NFC')
      .replace(/\r\n?/g, '\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '')
      .trim()
  );
}

export interface ConsultationSubject {
  /** A plan version: its id and name. */
  plan: { id: number; name: string; fiscalYear: number; status: string } | null;
  /** A scenario comparison: the scenario ids, and its number on the public pages while published. */
  comparison: { ids: number[]; published: number | null } | null;
}

export interface Consultation {
  id: number;
  title: string;
  description: string | null;
  opensOn: string;
  closesOn: string;
  period: Period;
  subject: ConsultationSubject;
}

async function subjectOf(
  db: Kysely<Database>,
  row: ConsultationRow,
  comparisons: readonly number[][]
): Promise<ConsultationSubject> {
  const plan = row.plan_id === null ? undefined : await planVersion(db, row.plan_id);
  let comparison: ConsultationSubject['comparison'] = null;
  if (row.scenario_ids) {
    const ids = (JSON.parse(row.scenario_ids) as number[]).map(Number);
    const at = comparisons.findIndex((c) => c.join(',') === ids.join(','));
    comparison = { ids, published: at < 0 ? null : at + 1 };
  }
  return {
    plan: plan
      ? { id: plan.id, name: plan.name, fiscalYear: plan.fiscal_year, status: plan.status }
      : null,
    comparison
  };
}

async function toConsultation(
  db: Kysely<Database>,
  row: ConsultationRow,
  today: string,
  comparisons: readonly number[][]
): Promise<Consultation> {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    opensOn: row.opens_on,
    closesOn: row.closes_on,
    period: periodOn(row, today),
    subject: await subjectOf(db, row, comparisons)
  };
}

/** Every consultation, newest first, with its comments counted by state. */
export async function listConsultations(db: Kysely<Database>, today = cityToday()) {
  const [rows, counts, { comparisons }] = await Promise.all([
    db.selectFrom('consultations').selectAll().orderBy('id', 'desc').execute(),
    db
      .selectFrom('public_comments')
      .select(['consultation_id', 'status', db.fn.countAll<number>().as('n')])
      .groupBy(['consultation_id', 'status'])
      .execute(),
    portalSettings(db)
  ]);
  return Promise.all(
    rows.map(async (r) => {
      const byState: Record<CommentState, number> = { pending: 0, approved: 0, rejected: 0 };
      for (const c of counts)
        if (c.consultation_id === r.id) byState[c.status as CommentState] = Number(c.n);
      return { ...(await toConsultation(db, r, today, comparisons)), comments: byState };
    })
  );
}

export async function consultation(
  db: Kysely<Database>,
  id: number,
  today = cityToday()
): Promise<Consultation> {
  const row = Number.isSafeInteger(id)
    ? await db.selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirst()
    : undefined;
  if (!row)
    throw new ConsultationError(said('その意見募集はありません', 'no such consultation'), 404);
  return toConsultation(db, row, today, (await portalSettings(db)).comparisons);
}

/**
 * The consultations open on `today`: id, title and last day only — what every public front page
 * and facility page shows, in one indexed read (no counts, no subjects).
 */
export async function openConsultations(db: Kysely<Database>, today = cityToday()) {
  const rows = await db
    .selectFrom('consultations')
    .select(['id', 'title', 'closes_on'])
    .where('opens_on', '<=', today)
    .where('closes_on', '>=', today)
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, closesOn: r.closes_on }));
}

export interface ConsultationInput {
  title: string;
  description: string;
  /** `plan:ID` or `comparison:N` (N: the published comparison's number). */
  subject: string;
  opensOn: string;
  closesOn: string;
}

/** Opens a consultation (audited); every problem is named by its field, and nothing is stored then. */
export async function openConsultation(
  db: Kysely<Database>,
  who: AuditWho,
  input: ConsultationInput
): Promise<number> {
  const problems: Record<string, Said> = {};
  const title = cleanText(input.title);
  const description = cleanText(input.description);
  if (!title) problems.title = said('件名を入れてください', 'enter a title');
  else if (title.length > TITLE_MAX)
    problems.title = said(`件名は${TITLE_MAX}字までです`, `at most ${TITLE_MAX} characters`);
  if (description.length > DESCRIPTION_MAX)
    problems.description = said(
      `説明は${DESCRIPTION_MAX}字までです`,
      `at most ${DESCRIPTION_MAX} characters`
    );
  const opensOn = input.opensOn.normalize('NFKC').trim().replace(/\//g, '-');
  const closesOn = input.closesOn.normalize('NFKC').trim().replace(/\//g, '-');
  if (!isDate(opensOn))
    problems.opensOn = said(
      '開始日を年-月-日で入れてください',
      'enter the first day as YYYY-MM-DD'
    );
  if (!isDate(closesOn))
    problems.closesOn = said(
      '終了日を年-月-日で入れてください',
      'enter the last day as YYYY-MM-DD'
    );
  else if (isDate(opensOn) && closesOn < opensOn)
    problems.closesOn = said('終了日が開始日より前です', 'the last day is before the first');
  else if (
    isDate(opensOn) &&
    Date.parse(closesOn) - Date.parse(opensOn) > 366 * 24 * 60 * 60 * 1000
  )
    problems.closesOn = said('募集期間は1年までです', 'the period is at most a year');
  let planId: number | null = null;
  let scenarioIds: number[] | null = null;
  const [kind, ref] = input.subject.split(':');
  if (kind === 'plan' && (await planVersion(db, Number(ref)))) planId = Number(ref);
  else if (kind === 'comparison') {
    const { comparisons } = await portalSettings(db);
    scenarioIds = comparisons[Number(ref) - 1] ?? null;
  }
  if (planId === null && scenarioIds === null)
    problems.subject = said(
      '対象の計画か、公開している比較を選んでください',
      'choose a plan version or a published comparison'
    );
  if (Object.keys(problems).length) throw new FormProblems(problems);
  const inserted = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('consultations')
      .values({
        title,
        description: description || null,
        plan_id: planId,
        scenario_ids: scenarioIds && JSON.stringify(scenarioIds),
        opens_on: opensOn,
        closes_on: closesOn,
        created_by: who.username,
        created_at: who.now,
        updated_at: who.now
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'consultation',
      entityId: String(row.id),
      before: null,
      after: { title, planId, scenarioIds, opensOn, closesOn }
    });
    return row.id;
  });
  return inserted;
}

/** Problems with a form's fields, each in both languages (the page shows them by the field). */
export class FormProblems extends Error {
  constructor(readonly problems: Record<string, Said>) {
    super(Object.values(problems)[0]?.en ?? 'invalid');
  }
}

/** Moves a consultation's last day (closing it early, or extending it); audited. */
export async function setClosingDay(
  db: Kysely<Database>,
  who: AuditWho,
  id: number,
  closesOn: string
): Promise<void> {
  const c = await consultation(db, id);
  const day = closesOn.normalize('NFKC').trim().replace(/\//g, '-');
  if (!isDate(day) || day < c.opensOn)
    throw new FormProblems({
      closesOn: said(
        '終了日を開始日以降の年-月-日で入れてください',
        'enter a last day (YYYY-MM-DD) on or after the first'
      )
    });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('consultations')
      .set({ closes_on: day, updated_at: who.now })
      .where('id', '=', id)
      .execute();
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'consultation',
      entityId: String(id),
      before: { closesOn: c.closesOn },
      after: { closesOn: day }
    });
  });
}

/** A question for the comment form of consultation `id`. */
export async function commentChallenge(db: Kysely<Database>, id: number): Promise<Challenge> {
  return issueChallenge(await commentSecret(db), id);
}

export interface CommentInput {
  topic: string;
  facilityCode: string;
  body: string;
  token: string;
  answer: string;
  /** The field a person never sees; a program that fills every field fills it. */
  trap: string;
}

/** Wrong answers to the check question an address may give in an hour (then it waits). */
const wrongAnswers = new RateLimiter(10 / 60, 10);

/**
 * Takes a comment from anyone, held for moderation: 'held' when stored, 'dropped' when the hidden
 * field was filled (a program: told the same as a person, nothing stored). Refused, with the
 * reason, when the consultation is not open, the address has sent its hour's comments, the
 * answer to the check question is wrong, or the text is empty or too long.
 */
export async function submitComment(
  db: Kysely<Database>,
  id: number,
  address: string,
  input: CommentInput,
  now = new Date()
): Promise<'held' | 'dropped'> {
  const c = await consultation(db, id, cityToday(now));
  if (c.period !== 'open')
    throw new ConsultationError(
      c.period === 'upcoming'
        ? said(`意見の受付は${c.opensOn}からです`, `comments are taken from ${c.opensOn}`)
        : said(`意見の受付は${c.closesOn}で終わりました`, `comments closed on ${c.closesOn}`),
      409
    );
  const secret = await commentSecret(db);
  const hash = addressHash(secret, address);
  if (!wrongAnswers.has(hash, now.getTime())) throw new ConsultationError(tooMany, 429);
  const problems: Record<string, Said> = {};
  const body = cleanText(input.body);
  if (!body) problems.body = said('ご意見を書いてください', 'write your comment');
  else if (body.length > COMMENT_MAX)
    problems.body = said(
      `ご意見は${COMMENT_MAX}字までです（いま${body.length}字）`,
      `at most ${COMMENT_MAX} characters (now ${body.length})`
    );
  const topic: Topic = isTopic(input.topic) ? input.topic : 'whole';
  const code = cleanText(input.facilityCode);
  let facilityCode: string | null = null;
  if (code) {
    const f = await db
      .selectFrom('facilities')
      .select('code')
      .where('code', '=', code.slice(0, 100))
      .where('status', '!=', 'closed')
      .executeTakeFirst();
    if (!f) problems.facility = said('その施設はありません', 'no such facility');
    facilityCode = f?.code ?? null;
  }
  const check = checkChallenge(secret, id, input.token, input.answer, now.getTime());
  if ('refused' in check) {
    problems.answer = check.refused;
    wrongAnswers.take(hash, now.getTime());
  }
  if (Object.keys(problems).length) throw new FormProblems(problems);
  if (input.trap.trim()) return 'dropped';
  const since = new Date(now.getTime() - 60 * 60 * 1000).toISOString();
  const stored = await db.transaction().execute(async (trx) => {
    const [recent, pending] = await Promise.all([
      trx
        .selectFrom('public_comments')
        .select(trx.fn.countAll<number>().as('n'))
        .where('address_hash', '=', hash)
        .where('created_at', '>', since)
        .executeTakeFirstOrThrow(),
      trx
        .selectFrom('public_comments')
        .select(trx.fn.countAll<number>().as('n'))
        .where('consultation_id', '=', id)
        .where('status', '=', 'pending')
        .executeTakeFirstOrThrow()
    ]);
    if (Number(recent.n) >= commentsPerHour()) return 'limit' as const;
    if (Number(pending.n) >= PENDING_MAX) return 'full' as const;
    const used = await trx
      .selectFrom('public_comments')
      .select('id')
      .where('nonce', '=', (check as { nonce: string }).nonce)
      .executeTakeFirst();
    if (used) return 'used' as const;
    await trx
      .insertInto('public_comments')
      .values({
        consultation_id: id,
        facility_code: facilityCode,
        topic: facilityCode && topic === 'whole' ? 'facility' : topic,
        body,
        address_hash: hash,
        nonce: (check as { nonce: string }).nonce,
        created_at: now.toISOString()
      })
      .execute();
    return 'held' as const;
  });
  if (stored === 'limit') throw new ConsultationError(tooMany, 429);
  if (stored === 'full')
    throw new ConsultationError(
      said(
        'ただいま受付が混み合っています。時間をおいて送ってください',
        'too many comments are waiting for moderation; please send yours later'
      ),
      429
    );
  if (stored === 'used')
    throw new FormProblems({
      answer: said(
        'この確認の質問は使用済みです。新しい質問に答えてください',
        'this check question was already used; please answer the new one'
      )
    });
  return 'held';
}

const tooMany = said(
  '同じところからの送信が続いたため、しばらく受け付けられません。1時間ほどおいてから送ってください',
  'too many comments from the same place; please try again in an hour'
);

export interface StaffComment {
  id: number;
  facilityCode: string | null;
  facilityName: string | null;
  topic: Topic;
  body: string;
  status: CommentState;
  answer: string | null;
  answeredBy: string | null;
  createdAt: string;
}

/** A consultation's comments for staff, by facility (the whole plan first), then topic, then date. */
export async function staffComments(
  db: Kysely<Database>,
  id: number,
  status: CommentState | null = null,
  /** A page of them (the staff's page shows `STAFF_PAGE` at a time); all when not given. */
  page: { limit: number; offset: number } | null = null
): Promise<StaffComment[]> {
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
    .where('public_comments.consultation_id', '=', id);
  if (status) q = q.where('public_comments.status', '=', status);
  // By facility (the whole plan first), then topic in the order the page lists them, then date.
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
  return (await q.execute()).map(toStaffComment);
}

/** Comments the staff's page shows at a time. */
export const STAFF_PAGE = 100;

/** A consultation's comments counted by state (one grouped read). */
export async function commentCounts(db: Kysely<Database>, id: number) {
  const rows = await db
    .selectFrom('public_comments')
    .select(['status', db.fn.countAll<number>().as('n')])
    .where('consultation_id', '=', id)
    .groupBy('status')
    .execute();
  const counts: Record<CommentState, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const r of rows) counts[r.status as CommentState] = Number(r.n);
  return counts;
}

const toStaffComment = (r: {
  id: number;
  facility_code: string | null;
  facility_name: string | null;
  topic: string;
  body: string;
  status: string;
  answer: string | null;
  answered_by: string | null;
  created_at: string;
}): StaffComment => ({
  id: r.id,
  facilityCode: r.facility_code,
  facilityName: r.facility_name,
  topic: isTopic(r.topic) ? r.topic : 'other',
  body: r.body,
  status: r.status as CommentState,
  answer: r.answer,
  answeredBy: r.answered_by,
  createdAt: r.created_at
});

/** The comments an administrator approved, with the city's answers: what the public sees. */
export async function publishedComments(
  db: Kysely<Database>,
  id: number
): Promise<Omit<StaffComment, 'answeredBy' | 'status'>[]> {
  return (await staffComments(db, id, 'approved')).map(({ answeredBy, status, ...c }) => c);
}

async function commentRow(db: Kysely<Database>, consultationId: number, commentId: number) {
  const row = Number.isSafeInteger(commentId)
    ? await db
        .selectFrom('public_comments')
        .selectAll()
        .where('id', '=', commentId)
        .where('consultation_id', '=', consultationId)
        .executeTakeFirst()
    : undefined;
  if (!row) throw new ConsultationError(said('その意見はありません', 'no such comment'), 404);
  return row;
}

/** An administrator approves (shown publicly) or rejects (never shown) a comment; audited. */
export async function moderateComment(
  db: Kysely<Database>,
  who: AuditWho,
  consultationId: number,
  commentId: number,
  status: string
): Promise<void> {
  if (status !== 'approved' && status !== 'rejected' && status !== 'pending')
    throw new ConsultationError(said('公開か非公開を選んでください', 'approve or reject'), 400);
  const row = await commentRow(db, consultationId, commentId);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('public_comments')
      .set({ status, moderated_by: who.username, moderated_at: who.now })
      .where('id', '=', commentId)
      .execute();
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'public_comment',
      entityId: String(commentId),
      before: { status: row.status },
      after: { status }
    });
  });
}

/** Staff answer a comment (市の考え方) and file it under a topic; audited. */
export async function answerComment(
  db: Kysely<Database>,
  who: AuditWho,
  consultationId: number,
  commentId: number,
  input: { answer: string; topic: string }
): Promise<void> {
  const row: PublicCommentRow = await commentRow(db, consultationId, commentId);
  const answer = cleanText(input.answer);
  if (answer.length > ANSWER_MAX)
    throw new FormProblems({
      answer: said(`市の考え方は${ANSWER_MAX}字までです`, `at most ${ANSWER_MAX} characters`)
    });
  if (!isTopic(input.topic))
    throw new FormProblems({ topic: said('論点を選んでください', 'choose a topic') });
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('public_comments')
      .set({
        answer: answer || null,
        topic: input.topic,
        answered_by: answer ? who.username : null,
        answered_at: answer ? who.now : null
      })
      .where('id', '=', commentId)
      .execute();
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'public_comment',
      entityId: String(commentId),
      before: { answer: row.answer, topic: row.topic },
      after: { answer: answer || null, topic: input.topic }
    });
  });
}

/** 「意見と市の考え方」: the published comments with their answers, and every state counted (null: no such consultation). */
export async function opinions(db: Kysely<Database>, id: number) {
  const c = await consultation(db, id).catch((e) => {
    if (e instanceof ConsultationError) return null;
    throw e;
  });
  if (!c) return null;
  const [counts, rows] = await Promise.all([
    commentCounts(db, c.id),
    staffComments(db, c.id, 'approved')
  ]);
  return { head: { title: c.title, opensOn: c.opensOn, closesOn: c.closesOn, counts }, rows };
}
