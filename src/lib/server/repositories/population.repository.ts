/** Small-area population as stored (one row per area and census year). */
import type { Kysely } from 'kysely';
import type { Database, NewPopulationAreaRow } from '../db/database';

/** The areas of the latest census year held (all of them, with their counts as JSON). */
export async function latestPopulationAreas(db: Kysely<Database>) {
  const latest = await db
    .selectFrom('population_areas')
    .select((eb) => eb.fn.max('year').as('year'))
    .executeTakeFirst();
  if (!latest?.year) return { year: null, rows: [] };
  const rows = await db
    .selectFrom('population_areas')
    .select(['code', 'name', 'kind', 'counts', 'total', 'lon', 'lat', 'geometry'])
    .where('year', '=', Number(latest.year))
    .orderBy('code')
    .execute();
  return { year: Number(latest.year), rows };
}

/** Replaces a census year's areas (in the caller's transaction). */
export async function replacePopulationYear(
  db: Kysely<Database>,
  year: number,
  rows: readonly NewPopulationAreaRow[]
): Promise<void> {
  await db.deleteFrom('population_areas').where('year', '=', year).execute();
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('population_areas')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The latest census year's areas: code, name, kind and point only. */
export async function latestAreaPoints(db: Kysely<Database>) {
  return db
    .selectFrom('population_areas')
    .select(['code', 'name', 'kind', 'lon', 'lat'])
    .where('year', '=', (eb) => eb.selectFrom('population_areas').select(eb.fn.max('year').as('y')))
    .orderBy('code')
    .execute();
}
