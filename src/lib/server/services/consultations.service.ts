/**
 * Public comment (パブリックコメント): an administrator opens a consultation on a plan version or a
 * published scenario comparison for a period; anyone sends comments on the whole or on one
 * facility; each waits for an administrator's approval before it is shown; staff answer them
 * (市の考え方), grouped by facility and topic, and export the list with the answers
 * (「意見と市の考え方」). The abuse controls are in `comment-guard.ts`.
 */
import type { Kysely } from 'kysely';
import type { ConsultationRow, Database } from '../db/database';
import { said, SaidError, type Said } from '../../i18n/said';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { planVersion } from '../repositories/plans.repository';
import { cityToday, periodOn, type CommentState, type Period } from '../../consultation';
import {
  commentCountRows,
  consultationRow,
  consultationRows,
  insertConsultation,
  openConsultationRows,
  setConsultationClosingDay
} from '../repositories/consultations.repository';
import { portalSettings } from './public-portal.service';

export class ConsultationError extends SaidError<400 | 404 | 409 | 429> {}

const TITLE_MAX = 200;
const DESCRIPTION_MAX = 10_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
export const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Text as taken from a form: NFC, line breaks one kind, no control characters but line breaks and tabs. */
export function cleanText(v: string): string {
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
    consultationRows(db),
    commentCountRows(db, null),
    portalSettings(db)
  ]);
  return Promise.all(
    rows.map(async (r) => {
      const byState: Record<CommentState, number> = { pending: 0, approved: 0, rejected: 0 };
      for (const c of counts) if (c.consultationId === r.id) byState[c.status] = c.n;
      return { ...(await toConsultation(db, r, today, comparisons)), comments: byState };
    })
  );
}

export async function consultation(
  db: Kysely<Database>,
  id: number,
  today = cityToday()
): Promise<Consultation> {
  const row = Number.isSafeInteger(id) ? await consultationRow(db, id) : undefined;
  if (!row)
    throw new ConsultationError(said('その意見募集はありません', 'no such consultation'), 404);
  return toConsultation(db, row, today, (await portalSettings(db)).comparisons);
}

/**
 * The consultations open on `today`: id, title and last day only — what every public front page
 * and facility page shows, in one indexed read (no counts, no subjects).
 */
export async function openConsultations(db: Kysely<Database>, today = cityToday()) {
  const rows = await openConsultationRows(db, today);
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
  return db.transaction().execute(async (trx) => {
    const id = await insertConsultation(trx, {
      title,
      description: description || null,
      plan_id: planId,
      scenario_ids: scenarioIds && JSON.stringify(scenarioIds),
      opens_on: opensOn,
      closes_on: closesOn,
      created_by: who.username,
      created_at: who.now,
      updated_at: who.now
    });
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'consultation',
      entityId: String(id),
      before: null,
      after: { title, planId, scenarioIds, opensOn, closesOn }
    });
    return id;
  });
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
    await setConsultationClosingDay(trx, id, day, who.now);
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'consultation',
      entityId: String(id),
      before: { closesOn: c.closesOn },
      after: { closesOn: day }
    });
  });
}
