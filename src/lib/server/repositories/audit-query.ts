/**
 * Reading the audit log for administrators: filtered by entity, user, action, a period and a
 * text found in the entity id or the values, newest first, a page at a time.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../db/database';
import { isCalendarDate } from '../../strict-input';

export interface AuditFilter {
  entity?: string;
  username?: string;
  action?: string;
  /** ISO dates (YYYY-MM-DD), inclusive. */
  from?: string;
  to?: string;
  text?: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  username: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  note: string | null;
}

/** Reads a filter from a URL's query; problems name the parameter. */
export function parseAuditFilter(
  params: URLSearchParams
): { ok: true; filter: AuditFilter } | { ok: false; problems: string[] } {
  const filter: AuditFilter = {};
  const problems: string[] = [];
  for (const key of ['entity', 'username', 'action', 'text'] as const) {
    const v = params.get(key)?.trim();
    if (v) {
      if (v.length > 200) problems.push(`${key}: at most 200 characters`);
      else filter[key] = v;
    }
  }
  for (const key of ['from', 'to'] as const) {
    const v = params.get(key)?.trim();
    if (v) {
      if (!isCalendarDate(v)) problems.push(`${key}: a date as YYYY-MM-DD (got "${v}")`);
      else filter[key] = v;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, filter };
}

function query(db: Kysely<Database>, f: AuditFilter) {
  let q = db.selectFrom('audit_log');
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.username) q = q.where('username', '=', f.username);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  // The day named is included: everything before the next day.
  if (f.to)
    q = q.where('at', '<', new Date(Date.parse(f.to) + 86_400_000).toISOString().slice(0, 10));
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // ESCAPE names the backslash on SQLite and PostgreSQL alike: % and _ typed are literal.
    const contains = (column: string) => sql<boolean>`${sql.ref(column)} like ${like} escape '\\'`;
    q = q.where((eb) =>
      eb.or(['entity_id', 'before', 'after', 'note'].map((column) => contains(column)))
    );
  }
  return q;
}

/** An audit row as the queries select it (every column but user_id). */
const toEntry = (r: Omit<Selectable<AuditLogTable>, 'user_id'>): AuditEntry => ({
  id: r.id,
  at: r.at,
  username: r.username,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  note: r.note
});

/** One page of entries (newest first) and how many match in all. */
export async function findAudit(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: { offset: number; limit: number }
): Promise<{ entries: AuditEntry[]; total: number }> {
  const rows = await query(db, filter)
    .selectAll()
    .orderBy('id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const count = await query(db, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { entries: rows.map(toEntry), total: Number(count.n) };
}

/** Every matching entry, oldest first, in batches (for the CSV export). */
export async function* allAudit(
  db: Kysely<Database>,
  filter: AuditFilter
): AsyncGenerator<AuditEntry> {
  let after = 0;
  for (;;) {
    const rows = await query(db, filter)
      .selectAll()
      .where('id', '>', after)
      .orderBy('id')
      .limit(1000)
      .execute();
    for (const r of rows) yield toEntry(r);
    if (rows.length < 1000) return;
    after = rows.at(-1)!.id;
  }
}

/** The entities and actions present (for the filter's choices). */
export async function auditVocabulary(db: Kysely<Database>) {
  const entities = await db.selectFrom('audit_log').select('entity').distinct().execute();
  const actions = await db.selectFrom('audit_log').select('action').distinct().execute();
  return {
    entities: entities.map((r) => r.entity).sort(),
    actions: actions.map((r) => r.action).sort()
  };
}
