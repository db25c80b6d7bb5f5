/**
 * Facilities to classify: those imported without a use category (未分類), listed, and given one
 * in bulk — each change audited with before and after.
 */
import {
  countFacilitiesOf,
  facilitiesByCodes,
  facilitiesOf,
  updateFacilityIfAt
} from '../repositories/facilities.repository';
import type { Kysely } from 'kysely';
import { BUILDING_CATEGORIES, UNCLASSIFIED } from '../../engine/asset-classes';
import type { Database } from '../db/database';
import { writeAudit } from '../repositories/audit.repository';

export class ClassifyError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 409
  ) {
    super(message);
  }
}

/** The most facilities one page lists (and one bulk change takes). */
export const CLASSIFY_PAGE = 500;

export interface FacilityToClassify {
  code: string;
  name: string;
  address: string | null;
}

/** How many facilities are still 未分類. */
export async function countUnclassified(db: Kysely<Database>): Promise<number> {
  return countFacilitiesOf(db, UNCLASSIFIED);
}

/** The facilities still 未分類, in code order (at most CLASSIFY_PAGE), and how many there are. */
export async function facilitiesToClassify(
  db: Kysely<Database>
): Promise<{ total: number; facilities: FacilityToClassify[] }> {
  const [total, rows] = await Promise.all([
    countUnclassified(db),
    facilitiesOf(db, UNCLASSIFIED, CLASSIFY_PAGE)
  ]);
  return { total, facilities: rows };
}

/**
 * Gives the facilities (by code) a use category, in one transaction; an unknown category, no
 * facility, too many or an unknown code is refused and nothing changes. Returns how many changed.
 */
export async function classifyFacilities(
  db: Kysely<Database>,
  codes: string[],
  category: string,
  who: { username: string | null; now: string }
): Promise<number> {
  if (!(BUILDING_CATEGORIES as readonly string[]).includes(category))
    throw new ClassifyError(`category: one of ${BUILDING_CATEGORIES.join(', ')}`, 400);
  const unique = [...new Set(codes)];
  if (unique.length === 0) throw new ClassifyError('choose at least one facility', 400);
  if (unique.length > CLASSIFY_PAGE)
    throw new ClassifyError(`at most ${CLASSIFY_PAGE} facilities at once`, 400);
  return db.transaction().execute(async (trx) => {
    const rows = await facilitiesByCodes(trx, unique);
    const missing = unique.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length)
      throw new ClassifyError(`no facility with the code ${missing.slice(0, 5).join(', ')}`, 404);
    for (const f of rows) {
      if (f.category === category) continue;
      if (!(await updateFacilityIfAt(trx, f.id, f.version, { category }, who.now)))
        throw new ClassifyError(
          `facility ${f.code} was changed meanwhile; reload and classify again`,
          409
        );
      await writeAudit(trx, who, {
        action: 'classify',
        entity: 'facility',
        entityId: f.code,
        before: { category: f.category },
        after: { category }
      });
    }
    return rows.filter((f) => f.category !== category).length;
  });
}
