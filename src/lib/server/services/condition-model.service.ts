/**
 * The condition model a city's own inspections give (Check feeds the model): for buildings and
 * bridges, the yearly Markov chain fitted to pairs of successive inspections, with its sample
 * size and predicted against observed grades; an administrator adopts it, and every scenario's
 * budget loop then moves the grades along it instead of the default age curves.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { fitMarkov, type InspectionPair, type MarkovFit } from '../../engine/calibrate-markov';
import { checkMarkovModel, DEFAULT_CURVES, type MarkovModel } from '../../engine/condition';
import { gradePairCounts } from '../repositories/condition.repository';
import { deleteSetting, getSettings, putSetting } from '../repositories/settings.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { revisionKey } from '../repositories/revision.repository';

const KEY = 'condition_model';
const CLASSES = ['building', 'bridge'] as const;
/** Fewer pairs than this and a class's fit is shown but cannot be adopted. */
export const MIN_PAIRS = 100;

export interface ClassFit extends MarkovFit {
  assetClass: (typeof CLASSES)[number];
  grades: readonly string[];
}

export interface AdoptedModel {
  model: MarkovModel;
  adoptedAt: string;
  pairs: Record<string, number>;
}

const fitCache = new WeakMap<Kysely<Database>, { key: string; fits: Promise<ClassFit[]> }>();

/**
 * The fits of each graded class from the inspections as they stand: read (one grouped statement
 * over every inspection) once per state of the data, so that reloading the page costs nothing.
 */
export async function conditionFits(db: Kysely<Database>): Promise<ClassFit[]> {
  const key = await revisionKey(db);
  let cached = fitCache.get(db);
  if (cached?.key !== key) {
    cached = { key, fits: fitAll(db) };
    fitCache.set(db, cached);
    cached.fits.catch(() => fitCache.delete(db));
  }
  return cached.fits;
}

async function fitAll(db: Kysely<Database>): Promise<ClassFit[]> {
  const counts = await gradePairCounts(db);
  return CLASSES.map((assetClass) => {
    const grades = DEFAULT_CURVES[assetClass]!.grades;
    const pairs: InspectionPair[] = counts
      .filter((r) => r.asset_class === assetClass)
      .map((c) => ({
        from: grades.indexOf(c.from_grade),
        to: grades.indexOf(c.to_grade),
        years: c.years,
        count: c.n
      }));
    return { assetClass, grades, ...fitMarkov(pairs, grades.length) };
  });
}

/** The adopted model, or null (the age curves apply). */
export async function adoptedConditionModel(db: Kysely<Database>): Promise<AdoptedModel | null> {
  const raw = (await getSettings(db))[KEY];
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as AdoptedModel;
    return checkMarkovModel(parsed.model, DEFAULT_CURVES).length === 0 ? parsed : null;
  } catch {
    return null;
  }
}

/** Adopts the fits of the classes with enough pairs; which were adopted. */
export async function adoptConditionModel(db: Kysely<Database>, who: AuditWho): Promise<string[]> {
  const fits = (await conditionFits(db)).filter((f) => f.pairs >= MIN_PAIRS);
  if (!fits.length) return [];
  const adopted: AdoptedModel = {
    model: {
      kind: 'markov',
      matrices: Object.fromEntries(fits.map((f) => [f.assetClass, f.matrix]))
    },
    adoptedAt: who.now,
    pairs: Object.fromEntries(fits.map((f) => [f.assetClass, f.pairs]))
  };
  await db.transaction().execute(async (trx) => {
    const before = (await getSettings(trx))[KEY] ?? null;
    await putSetting(trx, KEY, JSON.stringify(adopted));
    await writeAudit(trx, who, {
      action: 'adopt',
      entity: 'condition_model',
      entityId: null,
      before: before && JSON.parse(before),
      after: adopted
    });
  });
  return fits.map((f) => f.assetClass);
}

/** Goes back to the age curves. */
export async function dropConditionModel(db: Kysely<Database>, who: AuditWho): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = (await getSettings(trx))[KEY] ?? null;
    if (!before) return;
    await deleteSetting(trx, KEY);
    await writeAudit(trx, who, {
      action: 'delete',
      entity: 'condition_model',
      entityId: null,
      before: JSON.parse(before),
      after: null
    });
  });
}
