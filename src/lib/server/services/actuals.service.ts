/**
 * Works done (実績): recorded one by one on a record card (with documents) or imported from a CSV
 * of the year's contracts (all or nothing: one bad row and nothing is stored, every bad row named);
 * and the plan set against them (予実管理). Every change is audited; the works done restart lives
 * and conditions in every projection (engine/actuals.ts, applied in plan-inputs).
 */
import type { Kysely } from 'kysely';
import type { Database, NewActualRow } from '../db/database';
import { ACTUAL_WORK_TYPES, type ActualWorkType } from '../../engine/actuals';
import { fiscalYearOf } from '../../engine/asset-classes';
import { said, SaidError, type Said } from '../../i18n/said';
import { parseActualsCsv, type ActualInput } from '../../io/actuals-csv';
import type { RowError } from '../../io/row-error';
import { decodeBytes } from '../../io/text-encoding';
import { fileError } from '../../io/csv-table';
import { isCalendarDate, parseDecimal } from '../../strict-input';
import { planVsActual, type PlanVsActual } from '../../plan/plan-vs-actual';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import {
  actualsInYears,
  insertActualDocument,
  insertActuals
} from '../repositories/actuals.repository';
import {
  adoptedPlanVersion,
  existingPlanItems,
  planItemRows
} from '../repositories/plans.repository';
import { asOfYear } from '../repositories/settings.repository';
import { itemViews, planTargets } from './plan-reads.service';

export class ActualError extends SaidError<400 | 404 | 409 | 413> {}

/** A document's largest size, and how many one work keeps. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
export const MAX_DOCUMENTS = 5;
/** Documents Hozen keeps: PDFs and photos. */
const DOCUMENT_TYPES: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png'
};

export interface ActualForm {
  assetCode: string;
  workType: string;
  completedOn: string;
  cost: string;
  contractor: string;
  note: string;
  planItemId: string;
}

/** Problems with a work-done form (field → reason), empty when it is valid. */
export function checkActual(input: ActualForm, today: string): Record<string, Said> {
  const problems: Record<string, Said> = {};
  if (!(ACTUAL_WORK_TYPES as readonly string[]).includes(input.workType))
    problems.workType = said('工事種別を選んでください', 'choose the work type');
  if (!isCalendarDate(input.completedOn))
    problems.completedOn = said(
      '完了日（年-月-日）を入力してください',
      'the completion date (YYYY-MM-DD)'
    );
  else if (input.completedOn > today)
    problems.completedOn = said('未来の日付は記録できません', 'not in the future');
  const cost = parseDecimal(input.cost);
  if (cost === null || cost < 0 || cost > 1e13)
    problems.cost = said('金額（円、0 以上）を入力してください', 'the cost in yen, 0 or more');
  if (input.contractor.length > 200)
    problems.contractor = said('200 文字までです', 'at most 200 characters');
  if (input.note.length > 1000)
    problems.note = said('1000 文字までです', 'at most 1000 characters');
  if (input.planItemId && !/^\d{1,9}$/.test(input.planItemId))
    problems.planItemId = said('計画の措置を選び直してください', 'choose the plan item again');
  return problems;
}

/** A document as uploaded: its name, type and bytes. */
export interface DocumentUpload {
  name: string;
  type: string;
  bytes: Uint8Array;
}

function checkDocuments(documents: readonly DocumentUpload[]): void {
  if (documents.length > MAX_DOCUMENTS)
    throw new ActualError(
      said(`書類は ${MAX_DOCUMENTS} 件までです`, `at most ${MAX_DOCUMENTS} documents`),
      413
    );
  for (const d of documents) {
    if (!DOCUMENT_TYPES[d.type])
      throw new ActualError(
        said(
          `${d.name}: PDF・JPEG・PNG のみ保存できます`,
          `${d.name}: only PDF, JPEG and PNG are kept`
        ),
        400
      );
    if (d.bytes.byteLength > MAX_DOCUMENT_BYTES)
      throw new ActualError(
        said(`${d.name}: 5 MB を超えています`, `${d.name}: larger than 5 MB`),
        413
      );
  }
}

/** Records one work done on an asset, with its documents; the new id. */
export async function recordActual(
  db: Kysely<Database>,
  who: AuditWho,
  input: ActualForm,
  documents: readonly DocumentUpload[]
): Promise<number> {
  const today = who.now.slice(0, 10);
  const problems = checkActual(input, today);
  const first = Object.values(problems)[0];
  if (first) throw new ActualError(first, 400);
  checkDocuments(documents);
  const targets = await planTargets(db);
  if (!targets.assets.has(input.assetCode))
    throw new ActualError(
      said(
        `資産コード ${input.assetCode} の資産はありません`,
        `no asset with the code ${input.assetCode}`
      ),
      404
    );
  const [y, m] = input.completedOn.split('-').map(Number) as [number, number];
  const row: NewActualRow = {
    asset_code: input.assetCode,
    work_type: input.workType,
    completed_on: input.completedOn,
    fiscal_year: fiscalYearOf(y, m),
    cost_yen: Math.round(parseDecimal(input.cost)!),
    contractor: input.contractor || null,
    note: input.note || null,
    plan_item_id: input.planItemId ? Number(input.planItemId) : null,
    source: null,
    created_at: who.now,
    created_by: who.username
  };
  return db.transaction().execute(async (trx) => {
    const [id] = await insertActuals(trx, [row]);
    for (const d of documents)
      await insertActualDocument(
        trx,
        { actual_id: id!, name: d.name.slice(0, 200), mime: d.type, content: d.bytes },
        who.now
      );
    await writeAudit(trx, who, {
      action: 'record',
      entity: 'actual',
      entityId: input.assetCode,
      before: null,
      after: { ...row, documents: documents.map((d) => d.name) }
    });
    return id!;
  });
}

export interface ActualsImport {
  file: string;
  imported: number;
  errors: RowError[];
}

/**
 * Imports a CSV of works done (UTF-8 or Shift_JIS), all or nothing: every row checked (the asset
 * in the register, the plan item in a plan) before any is stored.
 */
export async function importActuals(
  db: Kysely<Database>,
  who: AuditWho,
  file: string,
  bytes: Uint8Array
): Promise<ActualsImport> {
  const decoded = decodeBytes(bytes);
  const fail = (errors: RowError[]): ActualsImport => ({ file, imported: 0, errors });
  if (!decoded.ok)
    return fail(
      fileError(file, decoded.reason, `文字コードを読めません（${decoded.reason}）`).errors
    );
  const parsed = parseActualsCsv(decoded.text, file, who.now.slice(0, 10));
  if (!parsed.ok) return fail(parsed.errors);
  const targets = await planTargets(db);
  const errors: RowError[] = [];
  const unknown = (r: ActualInput) =>
    errors.push({
      file,
      row: r.row,
      column: 'asset_code',
      value: r.assetCode,
      reason: 'is not in the register',
      reasonJa: '台帳にない資産コードです'
    });
  for (const r of parsed.rows) if (!targets.assets.has(r.assetCode)) unknown(r);
  if (errors.length) return fail(errors);
  return db.transaction().execute(async (trx) => {
    const planIds = new Set<number>();
    for (const r of parsed.rows) if (r.planItemId !== null) planIds.add(r.planItemId);
    if (planIds.size) {
      const known = await existingPlanItems(trx, [...planIds]);
      for (const r of parsed.rows)
        if (r.planItemId !== null && !known.has(r.planItemId))
          errors.push({
            file,
            row: r.row,
            column: 'plan_item_id',
            value: String(r.planItemId),
            reason: 'is not a plan item',
            reasonJa: '計画にない措置番号です'
          });
      if (errors.length) return fail(errors);
    }
    await insertActuals(
      trx,
      parsed.rows.map((r) => ({
        asset_code: r.assetCode,
        work_type: r.workType as ActualWorkType,
        completed_on: r.completedOn,
        fiscal_year: r.fiscalYear,
        cost_yen: r.costYen,
        contractor: r.contractor,
        note: r.note,
        plan_item_id: r.planItemId,
        source: file,
        created_at: who.now,
        created_by: who.username
      }))
    );
    await writeAudit(trx, who, {
      action: 'import',
      entity: 'actual',
      entityId: null,
      before: null,
      after: { file, rows: parsed.rows.length },
      note: file
    });
    return { file, imported: parsed.rows.length, errors: [] };
  });
}

export interface PlanVsActualPage extends PlanVsActual {
  plan: { id: number; name: string; fiscalYear: number } | null;
  from: number;
  to: number;
  currentYear: number;
}

/** The adopted plan against the works done, from the plan's year to the data's as-of year. */
export async function planVsActualPage(db: Kysely<Database>): Promise<PlanVsActualPage> {
  const [plan, currentYear] = await Promise.all([adoptedPlanVersion(db), asOfYear(db)]);
  const from = plan?.fiscal_year ?? currentYear - 4;
  const to = Math.max(currentYear + 4, from);
  const [rows, done] = await Promise.all([
    plan ? planItemRows(db, plan.id) : [],
    actualsInYears(db, from, to)
  ]);
  const items = await itemViews(db, rows);
  const result = planVsActual(
    items.map((i) => ({
      id: i.id,
      code: i.facilityCode ?? i.assetCode ?? '',
      name: i.name,
      action: i.action,
      fiscalYear: i.fiscalYear,
      status: i.status,
      plannedYen: i.plannedYen,
      assetClass: i.assetClass,
      category: i.category
    })),
    done.map((d) => ({
      fiscalYear: d.fiscal_year,
      costYen: Number(d.cost_yen),
      planItemId: d.plan_item_id,
      assetClass: d.asset_class ?? '',
      category: d.category ?? ''
    })),
    { from, to, currentYear }
  );
  return {
    ...result,
    plan: plan ? { id: plan.id, name: plan.name, fiscalYear: plan.fiscal_year } : null,
    from,
    to,
    currentYear
  };
}
