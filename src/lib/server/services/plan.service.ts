/**
 * The 個別施設計画 in Hozen: versions (a draft, the adopted plan, those it superseded), actions
 * added for a selection of facilities or assets, moved between years, marked done or cancelled,
 * and the version new actions go to. Every change is audited; an item is changed only at the
 * version its editor read. What the plan's readers take from it is `plan-reads.service.ts`.
 */
import type { Kysely } from 'kysely';
import type { Database, NewPlanItemRow } from '../db/database';
import { said, SaidError } from '../../i18n/said';
import { PLAN_ACTIONS, PLAN_STATUSES, type PlanStatus } from '../../plan/plan';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import {
  adoptVersion,
  adoptedPlanVersion,
  countPlanItems,
  deletePlanItem,
  insertPlanItems,
  insertPlanVersion,
  planItemOf,
  planItemRow,
  planItemRows,
  planVersion,
  planVersions
} from '../repositories/plans.repository';
import { updateIfAt } from '../repositories/versioned';
import { planTargets } from './plan-reads.service';

export class PlanError extends SaidError<400 | 404 | 409 | 413> {}

/** The most items one plan version holds, and one request adds. */
export const MAX_PLAN_ITEMS = 50_000;
export const MAX_ITEMS_PER_REQUEST = 5_000;
const YEARS = { min: 1950, max: 2150 };

const noPlan = (id: number) => said(`計画の版 ${id} はありません`, `no plan version ${id}`);

async function editableVersion(db: Kysely<Database>, id: number) {
  const version = Number.isSafeInteger(id) ? await planVersion(db, id) : undefined;
  if (!version) throw new PlanError(noPlan(id), 404);
  if (version.status === 'superseded')
    throw new PlanError(
      said(
        `「${version.name}」は旧版です。現行の版か案を編集してください`,
        `"${version.name}" is superseded; edit the adopted version or a draft`
      ),
      409
    );
  return version;
}

/** A new version (a draft), empty or a copy of another version's items; its id. */
export async function createPlanVersion(
  db: Kysely<Database>,
  who: AuditWho,
  input: { name: string; fiscalYear: number; basedOn: number | null; note: string | null }
): Promise<number> {
  const name = input.name.trim().slice(0, 100);
  if (!name)
    throw new PlanError(said('版の名前を入力してください', 'enter a name for the version'), 400);
  if (
    !Number.isInteger(input.fiscalYear) ||
    input.fiscalYear < YEARS.min ||
    input.fiscalYear > YEARS.max
  )
    throw new PlanError(said('年度が正しくありません', 'the fiscal year is not valid'), 400);
  return db.transaction().execute(async (trx) => {
    if (input.basedOn !== null && !(await planVersion(trx, input.basedOn)))
      throw new PlanError(noPlan(input.basedOn), 404);
    const id = await insertPlanVersion(
      trx,
      { name, fiscal_year: input.fiscalYear, based_on: input.basedOn, note: input.note },
      who.now
    );
    if (input.basedOn !== null) {
      const rows = await planItemRows(trx, input.basedOn);
      await insertPlanItems(
        trx,
        rows.map(({ id: _id, plan_id: _plan, version: _v, ...rest }) => ({
          ...rest,
          plan_id: id,
          created_at: who.now,
          updated_at: who.now
        }))
      );
    }
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'plan',
      entityId: String(id),
      before: null,
      after: { name, fiscalYear: input.fiscalYear, basedOn: input.basedOn }
    });
    return id;
  });
}

/** Adopts a version: it becomes the plan scenarios take; the one adopted before is superseded. */
export async function adoptPlanVersion(db: Kysely<Database>, who: AuditWho, id: number) {
  await db.transaction().execute(async (trx) => {
    const version = await editableVersion(trx, id);
    const before = await adoptedPlanVersion(trx);
    await adoptVersion(trx, id, who.username ?? '', who.now);
    await writeAudit(trx, who, {
      action: 'adopt',
      entity: 'plan',
      entityId: String(id),
      before: before ? { adopted: before.id } : null,
      after: { adopted: id, name: version.name }
    });
  });
}

export interface NewItemsInput {
  /** Facility codes or asset codes, as `level` says. */
  codes: string[];
  level: 'facility' | 'asset';
  action: string;
  fiscalYear: number;
  costYen: number | null;
  intoFacility: string | null;
  reason: string | null;
}

/** Adds one action for each facility or asset selected; how many were added. */
export async function addPlanItems(
  db: Kysely<Database>,
  who: AuditWho,
  planId: number,
  input: NewItemsInput
): Promise<number> {
  const codes = [...new Set(input.codes.map((c) => c.trim()).filter(Boolean))];
  if (!codes.length)
    throw new PlanError(said('施設か資産を選んでください', 'select facilities or assets'), 400);
  if (codes.length > MAX_ITEMS_PER_REQUEST)
    throw new PlanError(
      said(
        `一度に追加できるのは ${MAX_ITEMS_PER_REQUEST} 件までです（${codes.length} 件）`,
        `at most ${MAX_ITEMS_PER_REQUEST} at once (${codes.length} selected)`
      ),
      413
    );
  if (!(PLAN_ACTIONS as readonly string[]).includes(input.action))
    throw new PlanError(
      said(`措置「${input.action}」は選べません`, `unknown action "${input.action}"`),
      400
    );
  if (
    !Number.isInteger(input.fiscalYear) ||
    input.fiscalYear < YEARS.min ||
    input.fiscalYear > YEARS.max
  )
    throw new PlanError(
      said(
        `年度は ${YEARS.min}〜${YEARS.max} の整数`,
        `the fiscal year: an integer ${YEARS.min}–${YEARS.max}`
      ),
      400
    );
  if (input.costYen !== null && !(input.costYen >= 0 && input.costYen <= 1e13))
    throw new PlanError(said('費用は 0 以上の円', 'the cost: yen, 0 or more'), 400);
  const targets = await planTargets(db);
  const known = input.level === 'facility' ? targets.facilities : targets.assets;
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length)
    throw new PlanError(
      said(
        `台帳にない${input.level === 'facility' ? '施設' : '資産'}コード: ${unknown.slice(0, 10).join('、')}`,
        `not in the register: ${unknown.slice(0, 10).join(', ')}`
      ),
      400
    );
  if (
    input.action === 'consolidation' &&
    !(input.intoFacility && targets.facilities.has(input.intoFacility))
  )
    throw new PlanError(
      said(
        '複合化・集約化には集約先の施設コードが必要です',
        'a consolidation needs the facility it joins'
      ),
      400
    );
  return db.transaction().execute(async (trx) => {
    await editableVersion(trx, planId);
    if ((await countPlanItems(trx, planId)) + codes.length > MAX_PLAN_ITEMS)
      throw new PlanError(
        said(
          `一つの版の措置は ${MAX_PLAN_ITEMS} 件までです`,
          `a version holds at most ${MAX_PLAN_ITEMS} actions`
        ),
        413
      );
    const rows: NewPlanItemRow[] = codes.map((code) => ({
      plan_id: planId,
      facility_code: input.level === 'facility' ? code : null,
      asset_code: input.level === 'asset' ? code : null,
      action: input.action,
      fiscal_year: input.fiscalYear,
      cost_yen: input.costYen,
      into_facility: input.action === 'consolidation' ? input.intoFacility : null,
      reason: input.reason?.slice(0, 500) || null,
      created_at: who.now,
      updated_at: who.now
    }));
    await insertPlanItems(trx, rows);
    await writeAudit(trx, who, {
      action: 'add',
      entity: 'plan_item',
      entityId: String(planId),
      before: null,
      after: {
        action: input.action,
        fiscalYear: input.fiscalYear,
        codes: codes.slice(0, 100),
        count: codes.length
      }
    });
    return codes.length;
  });
}

/** Changes an item's year, status or cost at the version its editor read. */
export async function updatePlanItem(
  db: Kysely<Database>,
  who: AuditWho,
  id: number,
  basedOn: number,
  change: { fiscalYear?: number; status?: string; costYen?: number | null }
): Promise<void> {
  if (change.status !== undefined && !(PLAN_STATUSES as readonly string[]).includes(change.status))
    throw new PlanError(
      said(`状況「${change.status}」は選べません`, `unknown status "${change.status}"`),
      400
    );
  if (
    change.fiscalYear !== undefined &&
    (!Number.isInteger(change.fiscalYear) ||
      change.fiscalYear < YEARS.min ||
      change.fiscalYear > YEARS.max)
  )
    throw new PlanError(said('年度が正しくありません', 'the fiscal year is not valid'), 400);
  await db.transaction().execute(async (trx) => {
    const row = Number.isSafeInteger(id) ? await planItemRow(trx, id) : undefined;
    if (!row) throw new PlanError(said(`措置 ${id} はありません`, `no plan item ${id}`), 404);
    await editableVersion(trx, row.plan_id);
    const set = {
      ...(change.fiscalYear !== undefined ? { fiscal_year: change.fiscalYear } : {}),
      ...(change.status !== undefined ? { status: change.status as PlanStatus } : {}),
      ...(change.costYen !== undefined ? { cost_yen: change.costYen } : {})
    };
    if (
      row.version !== basedOn ||
      !(await updateIfAt(trx, 'plan_items', id, basedOn, set, who.now))
    )
      throw new PlanError(
        said(
          `この措置は、画面を開いた後に他の人が変更しました（現在の版 ${row.version}）。開き直してください`,
          `this action was changed by someone else after you opened the page (now version ${row.version}); reload`
        ),
        409
      );
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'plan_item',
      entityId: String(id),
      before: { fiscalYear: row.fiscal_year, status: row.status, costYen: row.cost_yen },
      after: change
    });
  });
}

/** Removes an item from a version that is not superseded. */
export async function removePlanItem(db: Kysely<Database>, who: AuditWho, id: number) {
  await db.transaction().execute(async (trx) => {
    const row = Number.isSafeInteger(id) ? await planItemRow(trx, id) : undefined;
    if (!row) throw new PlanError(said(`措置 ${id} はありません`, `no plan item ${id}`), 404);
    await editableVersion(trx, row.plan_id);
    await deletePlanItem(trx, id);
    await writeAudit(trx, who, {
      action: 'delete',
      entity: 'plan_item',
      entityId: String(id),
      before: planItemOf(row),
      after: null
    });
  });
}

/**
 * The version new actions go to when none is named (from the map): the newest draft, else the
 * adopted version, else a new draft for the data's year.
 */
export async function workingPlanId(
  db: Kysely<Database>,
  who: AuditWho,
  fiscalYear: number
): Promise<number> {
  const versions = await planVersions(db);
  const working =
    versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'adopted');
  if (working) return working.id;
  return createPlanVersion(db, who, {
    name: `個別施設計画（案） ${fiscalYear}`,
    fiscalYear,
    basedOn: null,
    note: null
  });
}
