/**
 * The facility record card (施設カルテ): a facility with its buildings, their inspections and
 * the works they will need (Engine I, under the national method and with life extension, side by
 * side), and the latest entries of its audit log. The edits staff make on it are
 * `card-edits.service.ts`.
 */
import type { Kysely, Selectable } from 'kysely';
import { projectRenewals, type ProjectionResult } from '../../engine/projection';
import type { AssetClass } from '../../engine/asset-classes';
import { longevity } from '../../engine/standards/longevity';
import { soumu } from '../../engine/standards/soumu';
import type { AssetsTable, Database } from '../db/database';
import {
  assetByCode,
  assetRowToEngineAsset,
  assetsOfFacility,
  inspectionsOf
} from '../repositories/assets.repository';
import { facilityByCode, facilityNameOf } from '../repositories/facilities.repository';
import { asOfYear } from '../repositories/settings.repository';
import { auditOfRecords } from '../repositories/audit.repository';
import type { EngineAsset } from '../../engine/engine-asset';
import { facilityPolicyOverrides, type Override } from '../../engine/overrides';
import { demolitionCostPerM2 } from '../repositories/facility-plan.repository';
import type { Standard } from '../../engine/standard';
import { mapIndex } from './map-index.service';
import { applyActuals, type ActualWorkType, type WorkDone } from '../../engine/actuals';
import { actualsOf, documentsOf } from '../repositories/actuals.repository';
import { adoptedPlanVersion, planItemsOn, planVersions } from '../repositories/plans.repository';
import {
  FACILITY_POLICIES,
  type AssetCard,
  type CardAsset,
  type FacilityPolicy,
  type Lifecycle,
  type RecordCard,
  type CardPlanItem,
  type WorkDoneEntry
} from '../../record-card';

export type { AuditEntry, AssetCard, CardAsset, Lifecycle, RecordCard } from '../../record-card';
export { CardError } from './card-edits.service';

type AssetRow = Selectable<AssetsTable>;

/** The assets' card entries with their inspections (newest first) and hazard-zone flags. */
async function cardAssets(db: Kysely<Database>, rows: AssetRow[]) {
  // Independent reads at once (on PostgreSQL each is a round trip of its own).
  const [inspections, index] = await Promise.all([
    inspectionsOf(
      db,
      rows.map((r) => r.id)
    ),
    mapIndex(db)
  ]);
  const assets: CardAsset[] = rows.map((r) => ({
    id: r.id,
    code: r.code,
    name: r.name,
    assetClass: r.asset_class as AssetClass,
    category: r.category,
    yearBuilt: r.year_built,
    quantity: r.quantity,
    unit: r.unit,
    lengthM: r.length_m,
    widthM: r.width_m,
    structure: r.structure,
    material: r.material,
    diameterMm: r.diameter_mm,
    floors: r.floors,
    conditionGrade: r.condition_grade,
    soundness: r.soundness,
    importance: r.importance,
    status: r.status,
    inHazardZone: index.byCode.get(r.code)?.props.hz === 1,
    version: r.version,
    inspections: inspections
      .filter((i) => i.asset_id === r.id)
      .map((i) => ({
        inspectedOn: i.inspected_on,
        part: i.part,
        grade: i.grade,
        soundness: i.soundness,
        inspector: i.inspector,
        note: i.note
      }))
  }));
  const latest = (id: number) => inspections.find((i) => i.asset_id === id)?.inspected_on ?? null;
  return { assets, latest };
}

function lifecycleOf(
  engineAssets: EngineAsset[],
  startYear: number,
  years: number,
  overrides: Override[]
): Lifecycle {
  const run = (standard: Standard, detail: boolean, o: Override[] = []): ProjectionResult =>
    projectRenewals(engineAssets, standard, { startYear, years, detail, overrides: o });
  const base = run(soumu, overrides.length === 0);
  const chosen = overrides.length ? run(soumu, true, overrides) : null;
  return {
    startYear,
    years,
    series: {
      soumu: base.totalsByYear,
      longevity: run(longevity, false).totalsByYear,
      policy: chosen?.totalsByYear ?? null
    },
    works: ((chosen ?? base).works ?? []).map((w) => ({
      assetCode: w.assetCode,
      workType: w.workType,
      dueYear: w.dueYear,
      cost: w.cost
    }))
  };
}

/** The record card of a facility, or null when no facility has the code. */
export async function recordCard(
  db: Kysely<Database>,
  code: string,
  years = 40
): Promise<RecordCard | null> {
  const f = await facilityByCode(db, code);
  if (!f) return null;
  const rows = await assetsOfFacility(db, f.id);
  const [{ assets, latest }, startYear, audit] = await Promise.all([
    cardAssets(db, rows),
    asOfYear(db),
    auditOfRecords(
      db,
      f.code,
      rows.map((r) => r.code)
    )
  ]);
  const codes = rows.map((r) => r.code);
  const [{ works, done }, planItems] = await Promise.all([
    worksOnCard(db, codes),
    planItemsOnCard(db, f.code, codes)
  ]);
  // Works done restart lives and conditions here as in every projection (engine/actuals.ts).
  const engineAssets = applyActuals(
    rows.map((r) =>
      assetRowToEngineAsset({
        ...r,
        facility_code: f.code,
        is_shelter: f.is_shelter,
        inspected_on: latest(r.id)
      })
    ),
    done,
    startYear
  );
  return {
    facility: {
      id: f.id,
      code: f.code,
      name: f.name,
      nameKana: f.name_kana,
      category: f.category,
      address: f.address,
      lon: f.lon,
      lat: f.lat,
      yearlyUsers: f.yearly_users,
      runningCostYen: f.running_cost_yen,
      costPerUser:
        f.yearly_users && f.running_cost_yen ? f.running_cost_yen / f.yearly_users : null,
      isShelter: f.is_shelter === 1,
      policy: (FACILITY_POLICIES as readonly string[]).includes(f.policy)
        ? (f.policy as FacilityPolicy)
        : 'standard',
      policyYear: f.policy_year,
      consolidateInto: f.consolidate_into,
      version: f.version
    },
    assets,
    lifecycle: lifecycleOf(
      engineAssets,
      startYear,
      years,
      facilityPolicyOverrides(f, await demolitionCostPerM2(db))
    ),
    audit,
    works,
    planItems
  };
}

/** The card of one asset by its code, or null when no asset has it. */
export async function assetCard(
  db: Kysely<Database>,
  code: string,
  years = 40
): Promise<AssetCard | null> {
  const row = await assetByCode(db, code);
  if (!row) return null;
  const f = row.facility_id ? await facilityNameOf(db, row.facility_id) : null;
  const [{ assets, latest }, startYear, { works, done }, planItems] = await Promise.all([
    cardAssets(db, [row]),
    asOfYear(db),
    worksOnCard(db, [row.code]),
    planItemsOnCard(db, null, [row.code])
  ]);
  const engineAsset = assetRowToEngineAsset({
    ...row,
    facility_code: f?.code ?? null,
    is_shelter: f?.is_shelter ?? null,
    inspected_on: latest(row.id)
  });
  return {
    asset: assets[0]!,
    facility: f ? { code: f.code, name: f.name } : null,
    lifecycle: lifecycleOf(applyActuals([engineAsset], done, startYear), startYear, years, []),
    audit: await auditOfRecords(db, null, [row.code]),
    works,
    planItems
  };
}

/** The works done on the card's assets (newest first) with their documents. */
async function worksOnCard(
  db: Kysely<Database>,
  codes: readonly string[]
): Promise<{ works: WorkDoneEntry[]; done: WorkDone[] }> {
  const rows = await actualsOf(db, codes);
  const docs = await documentsOf(
    db,
    rows.map((r) => r.id)
  );
  return {
    works: rows.map((r) => ({
      id: r.id,
      assetCode: r.asset_code,
      workType: r.work_type,
      completedOn: r.completed_on,
      costYen: Number(r.cost_yen),
      contractor: r.contractor,
      note: r.note,
      planItemId: r.plan_item_id,
      documents: docs
        .filter((d) => d.actual_id === r.id)
        .map((d) => ({ id: d.id, name: d.name, size: d.size }))
    })),
    done: rows.map((r) => ({
      assetCode: r.asset_code,
      workType: r.work_type as ActualWorkType,
      fiscalYear: r.fiscal_year
    }))
  };
}

/** The actions on the facility or its assets in the adopted plan (else the newest draft). */
async function planItemsOnCard(
  db: Kysely<Database>,
  facilityCode: string | null,
  assetCodes: readonly string[]
): Promise<CardPlanItem[]> {
  const plan =
    (await adoptedPlanVersion(db)) ?? (await planVersions(db)).find((v) => v.status === 'draft');
  if (!plan) return [];
  const rows = await planItemsOn(db, plan.id, facilityCode, assetCodes);
  return rows.map((r) => ({
    id: r.id,
    code: r.facility_code ?? r.asset_code ?? '',
    action: r.action,
    fiscalYear: r.fiscal_year,
    status: r.status
  }));
}
