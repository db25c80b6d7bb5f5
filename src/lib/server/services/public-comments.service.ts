/**
 * The comments citizens send to a consultation: taken from anyone (held for moderation, behind
 * the abuse controls of `comment-guard.ts`), approved or rejected by an administrator, answered by
 * staff (市の考え方) and listed for staff by facility and topic.
 */
import type { Kysely } from 'kysely';
import type { Database, PublicCommentRow } from '../db/database';
import { said, type Said } from '../../i18n/said';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { openFacilityCode } from '../repositories/facilities.repository';
import {
  commentCountRows,
  commentLoad,
  commentRow as storedComment,
  commentRows,
  insertComment,
  nonceUsed,
  updateComment
} from '../repositories/consultations.repository';
import {
  ANSWER_MAX,
  COMMENT_MAX,
  cityToday,
  isTopic,
  type CommentState,
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
import { cleanText, consultation, ConsultationError, FormProblems } from './consultations.service';

/** Comments waiting for moderation that one consultation holds at most (storage stays bounded). */
export const PENDING_MAX = 20_000;

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
    facilityCode = (await openFacilityCode(db, code.slice(0, 100))) ?? null;
    if (!facilityCode) problems.facility = said('その施設はありません', 'no such facility');
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
    const { recent, pending } = await commentLoad(trx, hash, since, id);
    if (recent >= commentsPerHour()) return 'limit' as const;
    if (pending >= PENDING_MAX) return 'full' as const;
    const nonce = (check as { nonce: string }).nonce;
    if (await nonceUsed(trx, nonce)) return 'used' as const;
    await insertComment(trx, {
      consultation_id: id,
      facility_code: facilityCode,
      topic: facilityCode && topic === 'whole' ? 'facility' : topic,
      body,
      address_hash: hash,
      nonce,
      created_at: now.toISOString()
    });
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
  return (await commentRows(db, id, status, page)).map(toStaffComment);
}

/** Comments the staff's page shows at a time. */
export const STAFF_PAGE = 100;

/** A consultation's comments counted by state (one grouped read). */
export async function commentCounts(db: Kysely<Database>, id: number) {
  const counts: Record<CommentState, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const r of await commentCountRows(db, id)) counts[r.status] = r.n;
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
    ? await storedComment(db, consultationId, commentId)
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
    await updateComment(trx, commentId, {
      status,
      moderated_by: who.username,
      moderated_at: who.now
    });
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
    await updateComment(trx, commentId, {
      answer: answer || null,
      topic: input.topic,
      answered_by: answer ? who.username : null,
      answered_at: answer ? who.now : null
    });
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
