/** Writing the audit log: who changed what, when, with the values before and after. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';

export interface AuditWho {
  username: string | null;
  now: string;
}

/** One audit entry; `before` and `after` are stored as JSON (null stays null). */
export async function writeAudit(
  db: Kysely<Database>,
  who: AuditWho,
  entry: {
    action: string;
    entity: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
    note?: string | null;
  }
): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: who.now,
      username: who.username,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
      note: entry.note ?? null
    })
    .execute();
}
