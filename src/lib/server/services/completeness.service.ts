/**
 * The register's completeness report (engine/completeness.ts) on the data as it is now, under
 * the national method over 40 years from the year the data describes; computed in the compute
 * pool, kept until the data changes.
 */
import type { Kysely } from 'kysely';
import type { Completeness } from '../../engine/completeness';
import type { Database } from '../db/database';
import { compute } from '../compute/pool';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import { getStandard } from '../repositories/standards.repository';
import { revisionKey } from '../repositories/revision.repository';
import { city } from './plan-inputs';

export const COMPLETENESS_YEARS = 40;

const caches = new WeakMap<
  Kysely<Database>,
  { key: string; report: Promise<Completeness & { startYear: number }> }
>();

export async function dataCompleteness(
  db: Kysely<Database>,
  owner: string | null = null
): Promise<Completeness & { startYear: number; years: number }> {
  const key = await revisionKey(db);
  let cached = caches.get(db);
  if (cached?.key !== key) {
    const run = async () => {
      const [{ assets, positions }, standard, settings] = await Promise.all([
        city(db),
        getStandard(db, 'soumu'),
        getSettings(db)
      ]);
      const startYear = asOfYearOf(settings);
      const report = await compute(
        'completeness',
        {
          assets,
          placed: [...positions.keys()],
          standard: standard!,
          horizon: { startYear, years: COMPLETENESS_YEARS }
        },
        { owner }
      );
      return { ...report, startYear };
    };
    const entry = { key, report: run() };
    caches.set(db, entry);
    entry.report.catch(() => {
      if (caches.get(db) === entry) caches.delete(db);
    });
    cached = entry;
  }
  return { ...(await cached.report), years: COMPLETENESS_YEARS };
}
