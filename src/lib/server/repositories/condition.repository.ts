/** The inspections as the condition model's calibration reads them: pairs of successive grades. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database';

export interface GradePairCount {
  asset_class: string;
  from_grade: string;
  to_grade: string;
  years: number;
  n: number;
}

/**
 * Successive inspections of the same asset and part, counted by class, first grade, second grade
 * and calendar years between — one grouped statement (window functions run on SQLite and
 * PostgreSQL alike), so the rows read stay few whatever the number of inspections.
 */
export async function gradePairCounts(db: Kysely<Database>): Promise<GradePairCount[]> {
  const { rows } = await sql<GradePairCount>`
    with ordered as (
      select a.asset_class, i.grade, i.inspected_on,
             lag(i.grade) over (partition by i.asset_id, i.part order by i.inspected_on, i.id) as prev_grade,
             lag(i.inspected_on) over (partition by i.asset_id, i.part order by i.inspected_on, i.id) as prev_on
      from inspections i join assets a on a.id = i.asset_id
      where a.asset_class in ('building', 'bridge')
    )
    select asset_class, prev_grade as from_grade, grade as to_grade,
           cast(substr(inspected_on, 1, 4) as integer) - cast(substr(prev_on, 1, 4) as integer) as years,
           count(*) as n
    from ordered where prev_grade is not null
    group by asset_class, prev_grade, grade,
             cast(substr(inspected_on, 1, 4) as integer) - cast(substr(prev_on, 1, 4) as integer)`.execute(
    db
  );
  return rows.map((r) => ({ ...r, years: Number(r.years), n: Number(r.n) }));
}
