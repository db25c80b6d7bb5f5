/**
 * Public comment on a small city written here: a consultation is opened only with a subject and a
 * sound period; a comment needs the right answer to the check question (full-width digits too),
 * not sent sooner than a person could, each question once; an address sends at most its hour's
 * comments; a comment is shown only once approved, never when rejected, with the city's answer;
 * the hidden field drops a program's comment; the export carries the published comments with
 * their answers, text guarded against formulas.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { insertPlanVersion } from '../../src/lib/server/repositories/plans.repository';
import {
  ConsultationError,
  FormProblems,
  openConsultation
} from '../../src/lib/server/services/consultations.service';
import {
  answerComment,
  commentCounts,
  commentChallenge,
  moderateComment,
  opinions,
  publishedComments,
  staffComments,
  submitComment,
  type CommentInput
} from '../../src/lib/server/services/public-comments.service';
import { commentsPerHour } from '../../src/lib/server/comment-guard';
import { opinionsCsv, opinionsWorkbook } from '../../src/lib/io/opinions-table';
import { revisionKey } from '../../src/lib/server/repositories/revision.repository';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('consultations');
const db = await target.open();
const who = { username: 'admin', now: '2026-12-03T10:00:00Z' };
/** A day `days` from today, as the period's dates are written. */
const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
let planId = 0;
let open = 0;

beforeAll(async () => {
  await migrateToLatest(db);
  planId = await insertPlanVersion(
    db,
    { name: '個別施設計画（案）', fiscal_year: 2027, based_on: null, note: null },
    who.now
  );
  await db
    .insertInto('facilities')
    .values({
      code: 'F01',
      name: '中央公民館',
      category: 'civic_culture',
      created_at: who.now,
      updated_at: who.now
    })
    .execute();
  open = await openConsultation(db, who, {
    title: '計画（案）への意見募集',
    description: '',
    subject: `plan:${planId}`,
    opensOn: day(-10),
    closesOn: day(30)
  });
  return () => db.destroy();
});

/** A question read as a person reads it, answered; the form sent `after` ms later. */
async function answered(id: number, fullWidth = false) {
  const c = await commentChallenge(db, id);
  const [, a, b] = /(\d+) たす (\d+)/.exec(c.question.ja)!;
  const sum = String(Number(a) + Number(b));
  return {
    token: c.token,
    answer: fullWidth ? sum.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : sum
  };
}

const later = (ms = 5_000) => new Date(Date.now() + ms);

async function send(address: string, body: string, extra: Partial<CommentInput> = {}) {
  return submitComment(
    db,
    open,
    address,
    { topic: 'whole', facilityCode: '', body, trap: '', ...(await answered(open)), ...extra },
    later()
  );
}

describe('opening a consultation', () => {
  it('names every problem and stores nothing; a sound one is audited', async () => {
    const bad = openConsultation(db, who, {
      title: ' ',
      description: '',
      subject: 'plan:999',
      opensOn: '2027-02-01',
      closesOn: '2027-01-31'
    });
    await expect(bad).rejects.toBeInstanceOf(FormProblems);
    await expect(bad).rejects.toMatchObject({
      problems: {
        title: expect.anything(),
        subject: expect.anything(),
        closesOn: expect.anything()
      }
    });
    const rows = await db.selectFrom('consultations').select('id').execute();
    expect(rows.map((r) => r.id)).toEqual([open]);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'consultation')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ planId, closesOn: day(30) });
  });
});

describe('the check question', () => {
  it('takes the right sum in full-width digits and refuses a wrong one, naming the field', async () => {
    const right = await answered(open, true);
    expect(right.answer).toMatch(/^[０-９]+$/);
    expect(
      await submitComment(
        db,
        open,
        '198.51.100.1',
        { topic: 'whole', facilityCode: 'F01', body: '全角の答え', trap: '', ...right },
        later()
      )
    ).toBe('held');
    const wrong = await answered(open);
    await expect(
      submitComment(
        db,
        open,
        '198.51.100.1',
        {
          topic: 'whole',
          facilityCode: '',
          body: '違う答え',
          trap: '',
          token: wrong.token,
          answer: String(Number(wrong.answer) + 1)
        },
        later()
      )
    ).rejects.toMatchObject({ problems: { answer: expect.anything() } });
  });

  it('refuses a form sent sooner than a person could, and a question answered twice', async () => {
    const q = await answered(open);
    const input = { topic: 'whole', facilityCode: '', body: '早すぎる', trap: '', ...q };
    await expect(submitComment(db, open, '198.51.100.2', input, new Date())).rejects.toMatchObject({
      problems: { answer: { en: expect.stringMatching(/too quickly/) } }
    });
    expect(await submitComment(db, open, '198.51.100.2', input, later())).toBe('held');
    await expect(
      submitComment(db, open, '198.51.100.2', { ...input, body: '二度目' }, later(6_000))
    ).rejects.toMatchObject({
      problems: { answer: { en: expect.stringMatching(/already used/) } }
    });
  });

  it('refuses a question issued for another consultation', async () => {
    const other = await openConsultation(db, who, {
      title: '別の募集',
      description: '',
      subject: `plan:${planId}`,
      opensOn: day(-10),
      closesOn: day(30)
    });
    const q = await answered(other);
    await expect(send('198.51.100.3', '別の質問', q)).rejects.toBeInstanceOf(FormProblems);
  });

  it('after ten wrong answers in an hour, an address is refused even with the right one', async () => {
    for (let k = 0; k < 10; k++)
      await expect(send('198.51.100.4', '当て推量', { answer: '99' })).rejects.toBeInstanceOf(
        FormProblems
      );
    await expect(send('198.51.100.4', '正しい答え')).rejects.toMatchObject({ status: 429 });
  });
});

describe('the per-address limit', () => {
  it('takes an hour’s comments from one address, refuses the next, and takes another address', async () => {
    const limit = commentsPerHour();
    for (let k = 0; k < limit; k++) expect(await send('203.0.113.9', `意見 ${k}`)).toBe('held');
    const refused = send('203.0.113.9', 'もう一件');
    await expect(refused).rejects.toBeInstanceOf(ConsultationError);
    await expect(refused).rejects.toMatchObject({ status: 429 });
    expect(await send('203.0.113.10', '別の人')).toBe('held');
    // The address is stored only as a salted hash.
    const stored = await db.selectFrom('public_comments').select('address_hash').execute();
    expect(stored.every((r) => !r.address_hash.includes('203.0.113'))).toBe(true);
  });
});

describe('size and the hidden field', () => {
  it('refuses a comment longer than the limit and an empty one, naming the length', async () => {
    await expect(send('192.0.2.1', 'あ'.repeat(2_001))).rejects.toMatchObject({
      problems: { body: { ja: expect.stringContaining('2001字') } }
    });
    await expect(send('192.0.2.1', ' \n ')).rejects.toMatchObject({
      problems: { body: expect.anything() }
    });
  });

  it('drops a comment whose hidden field is filled: nothing is stored', async () => {
    const before = (await staffComments(db, open)).length;
    expect(await send('192.0.2.2', 'ロボット', { trap: 'https://spam.example' })).toBe('dropped');
    expect((await staffComments(db, open)).length).toBe(before);
  });
});

describe('moderation and answers', () => {
  it('shows a comment only once approved, never when rejected, with the city’s answer', async () => {
    const xss = '<script>alert(1)</script>=HYPERLINK("http://x")';
    await send('192.0.2.50', xss, { topic: 'cost' });
    await send('192.0.2.51', '不適切な書き込み');
    const all = await staffComments(db, open);
    const good = all.find((m) => m.body === xss)!;
    const bad = all.find((m) => m.body === '不適切な書き込み')!;
    expect(good.status).toBe('pending');
    expect((await publishedComments(db, open)).map((m) => m.id)).not.toContain(good.id);

    // Moderating and answering leave the data's key (and every cached run) alone.
    const key = await revisionKey(db);
    await moderateComment(db, who, open, good.id, 'approved');
    await moderateComment(db, who, open, bad.id, 'rejected');
    await answerComment(db, { ...who, username: 'editor' }, open, good.id, {
      answer: '=ご意見として承ります',
      topic: 'cost'
    });
    expect(await revisionKey(db)).toBe(key);
    const shown = await publishedComments(db, open);
    expect(shown).toEqual([
      expect.objectContaining({ id: good.id, body: xss, answer: '=ご意見として承ります' })
    ]);
    // Nothing that names a member of staff or the sender goes public.
    expect(Object.keys(shown[0]!).sort()).toEqual(
      ['answer', 'body', 'createdAt', 'facilityCode', 'facilityName', 'id', 'topic'].sort()
    );
    await expect(moderateComment(db, who, open, good.id, 'deleted')).rejects.toBeInstanceOf(
      ConsultationError
    );
    await expect(moderateComment(db, who, open + 99, good.id, 'approved')).rejects.toMatchObject({
      status: 404
    });
  });

  it('exports the published comments with their answers, formulas kept as text', async () => {
    const found = (await opinions(db, open))!;
    expect(found.rows).toHaveLength(1);
    const counts = found.head.counts;
    expect(counts.approved).toBe(1);
    expect(counts.rejected).toBe(1);
    expect(counts.pending).toBeGreaterThan(5);
    const csv = opinionsCsv('ja', found.rows);
    expect(csv.startsWith('\ufeff番号,対象施設,論点,ご意見,市の考え方\r\n')).toBe(true);
    expect(csv).toContain(
      '1,計画全体,費用・財源,"<script>alert(1)</script>=HYPERLINK(""http://x"")"'
    );
    expect(csv).toContain("'=ご意見として承ります");

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await opinionsWorkbook('ja', found.head, found.rows)) as never);
    const sheet = wb.worksheets[0]!;
    expect(String(sheet.getCell('A2').value)).toContain('掲載 1 件、不掲載 1 件');
    expect(sheet.getCell('E5').value).toBe('=ご意見として承ります');
    expect(sheet.getCell('E5').formula).toBeUndefined();
    expect(await opinions(db, open + 99)).toBeNull();
  });
});

describe('the staff’s list', () => {
  it('comes the whole plan first, then by facility and topic, a page at a time, counted by state', async () => {
    const all = await staffComments(db, open);
    const firstFacility = all.findIndex((m) => m.facilityCode !== null);
    expect(firstFacility).toBeGreaterThan(0);
    expect(all.slice(0, firstFacility).every((m) => m.facilityCode === null)).toBe(true);
    expect(all.slice(firstFacility).every((m) => m.facilityCode !== null)).toBe(true);
    const second = await staffComments(db, open, null, { limit: 3, offset: 3 });
    expect(second.map((m) => m.id)).toEqual(all.slice(3, 6).map((m) => m.id));
    const counts = await commentCounts(db, open);
    for (const state of ['pending', 'approved', 'rejected'] as const)
      expect(counts[state], state).toBe(all.filter((m) => m.status === state).length);
  });
});

describe('the period', () => {
  it('refuses comments before the first day and after the last', async () => {
    const closed = await openConsultation(db, who, {
      title: '終わった募集',
      description: '',
      subject: `plan:${planId}`,
      opensOn: '2020-01-01',
      closesOn: '2020-01-31'
    });
    const q = await answered(closed);
    await expect(
      submitComment(
        db,
        closed,
        '192.0.2.9',
        { topic: 'whole', facilityCode: '', body: '遅れて', trap: '', ...q },
        later()
      )
    ).rejects.toMatchObject({ status: 409, said: { ja: expect.stringContaining('2020-01-31') } });
  });
});
