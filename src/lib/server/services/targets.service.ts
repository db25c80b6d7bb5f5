/**
 * The city's numeric targets (stored as one setting, checked) and their paths under a scenario —
 * the adopted plan's by default: the first scenario that takes the adopted plan.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { said, SaidError } from '../../i18n/said';
import { targetPaths, targetsSchema, type Target, type TargetPath } from '../../plan/targets';
import { buildingGradeCounts, buildingStock } from '../repositories/city-figures.repository';
import { asOfYear, getSettings, putSetting } from '../repositories/settings.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { listScenarios } from './scenarios.service';
import { runScenario } from './scenario-runs.service';

const KEY = 'targets';

export class TargetError extends SaidError {}

/** The targets the city has set (none: an empty list). */
export async function getTargets(db: Kysely<Database>): Promise<Target[]> {
  const raw = (await getSettings(db))[KEY];
  if (!raw) return [];
  try {
    const parsed = targetsSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Replaces the targets (checked; audited). */
export async function setTargets(db: Kysely<Database>, who: AuditWho, targets: unknown) {
  const parsed = targetsSchema.safeParse(targets);
  if (!parsed.success)
    throw new TargetError(
      said(
        `目標の値が正しくありません（${parsed.error.issues[0]?.path.join('.')}）`,
        `a target is not valid (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message})`
      ),
      400
    );
  await db.transaction().execute(async (trx) => {
    const before = await getTargets(trx);
    await putSetting(trx, KEY, JSON.stringify(parsed.data));
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'targets',
      entityId: null,
      before,
      after: parsed.data
    });
  });
}

export interface TargetsPage {
  targets: Target[];
  scenarios: { id: number; name: string; adoptedPlan: boolean }[];
  scenario: { id: number; name: string; startYear: number; years: number } | null;
  paths: TargetPath[];
  asOf: number;
}

/** The targets and their paths under the scenario asked for (else the adopted plan's). */
export async function targetsPage(
  db: Kysely<Database>,
  scenarioId: number | null
): Promise<TargetsPage> {
  const [targets, all, asOf] = await Promise.all([getTargets(db), listScenarios(db), asOfYear(db)]);
  const scenarios = all.map((s) => ({ id: s.id, name: s.name, adoptedPlan: s.params.adoptedPlan }));
  const chosen =
    all.find((s) => s.id === scenarioId) ??
    all.find((s) => s.params.adoptedPlan) ??
    all.find((s) => s.params.facilityPolicies) ??
    all[0] ??
    null;
  if (!chosen || !targets.length)
    return {
      targets,
      scenarios,
      scenario: chosen && {
        id: chosen.id,
        name: chosen.name,
        startYear: chosen.startYear,
        years: chosen.years
      },
      paths: [],
      asOf
    };
  const [{ result }, stock, grades] = await Promise.all([
    runScenario(db, chosen.id, chosen),
    buildingStock(db, asOf),
    buildingGradeCounts(db)
  ]);
  const graded = ['A', 'B', 'C', 'D'].reduce((s, g) => s + (grades[g] ?? 0), 0);
  const paths = targetPaths(
    targets,
    {
      floorArea: Number(stock.area),
      poorShare: graded ? (((grades.C ?? 0) + (grades.D ?? 0)) / graded) * 100 : null
    },
    {
      startYear: result.startYear,
      stockArea: result.stockArea,
      condition: result.condition,
      backlog: result.backlog
    }
  );
  return {
    targets,
    scenarios,
    scenario: {
      id: chosen.id,
      name: chosen.name,
      startYear: chosen.startYear,
      years: chosen.years
    },
    paths,
    asOf
  };
}
