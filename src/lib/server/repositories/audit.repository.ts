/** Writing the audit log: who changed what, when, with the values before and after. */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Lang } from '../../i18n/messages';
import { said, type Said } from '../../i18n/said';
import { wordLabel } from '../../words';
import type { AuditEntry } from '../../record-card';

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

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** The fields whose values differ between two audited states (`params.budget`: one level down). */
function changedFields(before: unknown, after: unknown, prefix = '', depth = 0): string[] {
  const a = isRecord(before) ? before : {};
  const b = isRecord(after) ? after : {};
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].flatMap((k) => {
    if (JSON.stringify(a[k]) === JSON.stringify(b[k])) return [];
    if (depth === 0 && isRecord(a[k]) && isRecord(b[k]))
      return changedFields(a[k], b[k], `${prefix}${k}.`, 1);
    return [`${prefix}${k}`];
  });
}

/**
 * What changed an entity after the version someone worked from: its latest `count` audit entries
 * (one per save since), oldest first, as "who (when): action — fields" — for the message that
 * refuses a save based on a stale version.
 */
export async function changesSince(
  db: Kysely<Database>,
  entity: string,
  entityId: string,
  count: number
): Promise<Said> {
  if (count < 1) return said('', '');
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'before', 'after'])
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('id', 'desc')
    .limit(Math.min(count, 20))
    .execute();
  const entries = rows.reverse().map((r) => ({
    who: r.username,
    when: r.at.replace('T', ' ').slice(0, 16),
    action: r.action,
    fields: changedFields(
      r.before === null ? null : JSON.parse(r.before),
      r.after === null ? null : JSON.parse(r.after)
    )
  }));
  const say = (lang: Lang, someone: string, open: string, close: string, sep: string) =>
    entries
      .map(
        (e) =>
          `${e.who ?? someone}${open}${e.when}${close}${wordLabel('auditAction', e.action, lang)}${
            e.fields.length
              ? ` — ${e.fields.map((f) => wordLabel('field', f, lang)).join(sep)}`
              : ''
          }`
      )
      .join(lang === 'ja' ? '。' : '; ');
  return said(say('ja', '誰か', '（', '）：', '、'), say('en', 'someone', ' (', '): ', ', '));
}

/** The latest 50 audit entries of a facility and its assets (or of assets alone), newest first. */
export async function auditOfRecords(
  db: Kysely<Database>,
  facilityCode: string | null,
  assetCodes: string[]
): Promise<AuditEntry[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['at', 'username', 'action', 'entity', 'entity_id', 'after', 'note'])
    .where((eb) =>
      eb.or([
        ...(facilityCode
          ? [eb.and([eb('entity', '=', 'facility'), eb('entity_id', '=', facilityCode)])]
          : []),
        ...(assetCodes.length
          ? [eb.and([eb('entity', '=', 'asset'), eb('entity_id', 'in', assetCodes)])]
          : [])
      ])
    )
    .orderBy('id', 'desc')
    .limit(50)
    .execute();
  return rows.map((a) => ({
    at: a.at,
    username: a.username,
    action: a.action,
    entity: a.entity,
    entityId: a.entity_id,
    after: a.after,
    note: a.note
  }));
}
