/** Browsing the audit log: filters, pages, and the export's every entry. */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { writeAudit } from '../../src/lib/server/repositories/audit.repository';
import {
  allAudit,
  findAudit,
  parseAuditFilter
} from '../../src/lib/server/repositories/audit-query';
import { testDatabase } from './helpers/temp-db';

const db = await testDatabase('audit');
beforeAll(async () => {
  await migrateToLatest(db);
  // 2,500 entries: three users, two entities, one a day from 2026-01-01.
  for (let i = 0; i < 2500; i++)
    await writeAudit(
      db,
      {
        username: ['hanako', 'taro', 'jiro'][i % 3]!,
        now: new Date(Date.UTC(2026, 0, 1) + Math.floor(i / 10) * 86_400_000).toISOString()
      },
      {
        action: i % 2 ? 'update' : 'create',
        entity: i % 5 ? 'asset' : 'scenario',
        entityId: `X${i}`,
        before: null,
        after: { note: i === 1234 ? '100%_done' : `value ${i}` }
      }
    );
  return () => db.destroy();
});
const filter = (query: string) => {
  const parsed = parseAuditFilter(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  return parsed.filter;
};

describe('the audit log', () => {
  it('filters by user, entity, action and a period (both days included), newest first', async () => {
    const { entries, total } = await findAudit(
      db,
      filter('username=taro&entity=scenario&from=2026-01-02&to=2026-01-03'),
      { offset: 0, limit: 100 }
    );
    // Days 2 and 3 hold entries 10–29; taro has i % 3 = 1, scenario i % 5 = 0: 10 and 25.
    expect(entries.map((e) => e.entityId)).toEqual(['X25', 'X10']);
    expect(total).toBe(2);
    const page2 = await findAudit(db, filter('action=update'), { offset: 100, limit: 100 });
    expect(page2.total).toBe(1250);
    expect(page2.entries[0]!.entityId).toBe(`X${2499 - 200}`);
  });

  it('finds text in the values, wildcards taken literally', async () => {
    const percent = await findAudit(db, filter('text=100%_'), { offset: 0, limit: 10 });
    expect(percent.entries.map((e) => e.entityId)).toEqual(['X1234']);
    const plain = await findAudit(db, filter('text=value 99'), { offset: 0, limit: 100 });
    expect(plain.total).toBe(11); // value 99, 990–999
  });

  it('exports every matching entry, oldest first, past a batch', async () => {
    const all = [];
    for await (const e of allAudit(db, filter('entity=asset'))) all.push(e.entityId);
    expect(all.length).toBe(2000);
    expect(all[0]).toBe('X1');
    expect(all.at(-1)).toBe('X2499');
  });

  it('names a bad filter', () => {
    expect(parseAuditFilter(new URLSearchParams('from=2026-13-45&to=yesterday'))).toEqual({
      ok: false,
      problems: [
        'from: a date as YYYY-MM-DD (got "2026-13-45")',
        'to: a date as YYYY-MM-DD (got "yesterday")'
      ]
    });
  });
});
