/** The figures of the city the home page opens with: the stock of buildings, the register's gaps. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

/** The basemap's features of one kind (the boundary …): their geometry as stored. */
export function basemapOfKind(db: Kysely<Database>, kind: string) {
  return db.selectFrom('basemap_features').select('geometry').where('kind', '=', kind).execute();
}

/** The first `limit` buildings in service placed on the map: bounding box and year built. */
export function placedBuildings(db: Kysely<Database>, limit: number) {
  return db
    .selectFrom('assets')
    .select(['min_lon', 'min_lat', 'max_lon', 'max_lat', 'year_built'])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .where('geometry', '!=', 'null')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** How many buildings in service are placed on the map. */
export async function countPlacedBuildings(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('assets')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .where('geometry', '!=', 'null')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The buildings' floor area in service, and how much of it is 30 years or older in `year`, built
 * before 1981, of unknown year, graded C or D, and not graded.
 */
export function buildingStock(db: Kysely<Database>, year: number) {
  return db
    .selectFrom('assets')
    .select([
      sql<number>`coalesce(sum(quantity), 0)`.as('area'),
      sql<number>`coalesce(sum(case when year_built is not null and ${year} - year_built >= 30 then quantity else 0 end), 0)`.as(
        'aged30'
      ),
      sql<number>`coalesce(sum(case when year_built is not null and year_built < 1981 then quantity else 0 end), 0)`.as(
        'before1981'
      ),
      sql<number>`coalesce(sum(case when year_built is null then quantity else 0 end), 0)`.as(
        'unknownYear'
      ),
      sql<number>`coalesce(sum(case when condition_grade in ('C', 'D') then quantity else 0 end), 0)`.as(
        'gradeCD'
      ),
      sql<number>`coalesce(sum(case when condition_grade is null then quantity else 0 end), 0)`.as(
        'ungraded'
      )
    ])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .executeTakeFirstOrThrow();
}

/**
 * What the register lacks: assets with no year built, and assets of the inspected classes whose
 * latest inspection is older than the cycle (or missing) in fiscal year `year`.
 */
export function registerGaps(
  db: Kysely<Database>,
  year: number,
  inspectedClasses: readonly string[],
  cycleYears: number
) {
  return db
    .selectFrom('assets')
    .select([
      sql<number>`sum(case when year_built is null then 1 else 0 end)`.as('noYear'),
      sql<number>`sum(case when asset_class in (${sql.join(inspectedClasses)}) and coalesce((select max(i.inspected_on) from inspections i where i.asset_id = assets.id), '') < ${`${year - cycleYears}-04-01`} then 1 else 0 end)`.as(
        'overdue'
      )
    ])
    .where('status', '!=', 'demolished')
    .executeTakeFirstOrThrow();
}

/** The buildings in service by their latest condition grade: how many (null: not graded). */
export async function buildingGradeCounts(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('assets')
    .select(['condition_grade', sql<number>`count(*)`.as('n')])
    .where('asset_class', '=', 'building')
    .where('status', '!=', 'demolished')
    .groupBy('condition_grade')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.condition_grade ?? '', Number(r.n)]));
}
