/**
 * What a plan's run is computed from, read from the database once per state of the data: the
 * city's assets as the engines take them (hazard zones marked), where they are, the shelters at
 * risk, the standard, and the facilities' plan when the scenario applies it. The scenario pages,
 * the projection exports and `npm run project -- --scenario ID` all read their inputs here, and
 * run them through the engine's one `runPlan` / `simulatePlan` (engine/run-plan.ts).
 */
import type { Kysely } from 'kysely';
import type { Position } from 'geojson';
import type { Database } from '../db/database';
import type { EngineAsset } from '../../engine/engine-asset';
import type { PlanInput } from '../../engine/run-plan';
import type { ScenarioDefinition } from '../../scenario';
import { ScenarioError, unknownStandard } from './scenario-error';
import { listEngineAssets } from '../repositories/assets.repository';
import { facilityPlanOverrides } from '../repositories/facility-plan.repository';
import { getStandard } from '../repositories/standards.repository';
import { assetPositions, assetsInHazardZones, markHazards } from './hazard-exposure.service';
import { revisionKey } from '../repositories/revision.repository';
import { worksDone } from '../repositories/actuals.repository';
import { applyActuals, type WorkDone } from '../../engine/actuals';
import type { ScenarioParams } from '../../engine/plan-params';
import type { Override } from '../../engine/overrides';
import { adoptedPlanForScenario } from './plan-reads.service';
import { adoptedConditionModel } from './condition-model.service';

interface City {
  /** As the register holds them (works done not yet applied: that takes the start year). */
  assets: EngineAsset[];
  done: WorkDone[];
  positions: Map<string, Position>;
  sheltersAtRisk: string[];
}

const caches = new WeakMap<Kysely<Database>, { key: string; city: Promise<City> }>();

/**
 * The city's assets as the engines take them (hazard zones marked) and their positions, read once
 * per state of the data: the scenarios of a comparison, every scenario and every projection
 * export until the next edit share them.
 */
export async function city(db: Kysely<Database>): Promise<City> {
  const key = await revisionKey(db);
  let cached = caches.get(db);
  if (cached?.key !== key) {
    const read = async (): Promise<City> => {
      const [rows, positions, done] = await Promise.all([
        listEngineAssets(db),
        assetPositions(db),
        worksDone(db)
      ]);
      const exposed = await assetsInHazardZones(db, positions);
      // As read, `hazard` marks a shelter's buildings; a shelter exposed to a hazard is watched.
      const sheltersAtRisk = rows.filter((a) => a.hazard && exposed.has(a.code)).map((a) => a.code);
      return { assets: markHazards(rows, exposed), done, positions, sheltersAtRisk };
    };
    cached = { key, city: read() };
    caches.set(db, cached);
    cached.city.catch(() => caches.delete(db));
  }
  return cached.city;
}

/**
 * A scenario's (or an export's) plan input on the current data.
 * @throws ScenarioError (400) when the standard is not in the database.
 */
export async function planInput(
  db: Kysely<Database>,
  def: Omit<ScenarioDefinition, 'name'>
): Promise<PlanInput> {
  const standard = await getStandard(db, def.standard);
  if (!standard) throw new ScenarioError(unknownStandard(def.standard), 400);
  const [{ assets, done, positions, sheltersAtRisk }, policyOverrides, condition] =
    await Promise.all([
      city(db),
      def.params.facilityPolicies ? facilityPlanOverrides(db) : [],
      adoptedConditionModel(db)
    ]);
  const plan = def.params.adoptedPlan
    ? await adoptedPlanForScenario(db, def.startYear, assets)
    : null;
  return {
    standard,
    startYear: def.startYear,
    years: def.years,
    params: plan ? withPlan(def.params, plan.committed) : def.params,
    // Works done restart lives and conditions in every projection (engine/actuals.ts).
    assets: applyActuals(assets, done, def.startYear),
    policyOverrides: plan ? withPlanOverrides(policyOverrides, plan.overrides) : policyOverrides,
    positions,
    sheltersAtRisk,
    conditionModel: condition?.model ?? null
  };
}

/**
 * The params with the adopted plan's committed works added: a work typed by hand in the scenario
 * comes first (the engine takes one committed start per asset, the earliest listed).
 */
function withPlan(
  params: ScenarioParams,
  planned: readonly { assetCode: string; year: number }[]
): ScenarioParams {
  const typed = new Set(params.committed.map((c) => c.assetCode));
  return {
    ...params,
    committed: [...params.committed, ...planned.filter((c) => !typed.has(c.assetCode))]
  };
}

/**
 * The cards' policies and the adopted plan's overrides together: a new building both name (the
 * card's planned facility and the plan's 新築 of it, one code) is built once.
 */
export function withPlanOverrides(
  cards: readonly Override[],
  plan: readonly Override[]
): Override[] {
  const built = new Set(cards.flatMap((o) => (o.kind === 'new_building' ? [o.code] : [])));
  return [...cards, ...plan.filter((o) => o.kind !== 'new_building' || !built.has(o.code))];
}
