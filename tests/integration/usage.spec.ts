/**
 * Facilities' use per year imported as a city's file is (Shift_JIS, CRLF, 和暦 years, full-width
 * digits, 千円 in the header): all or nothing, a facility's year replaced when imported again, the
 * card's figures following the latest year, the trend's ratios worked by hand, and the candidates'
 * use score reading the new figure.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { facilityUsage, importUsage } from '../../src/lib/server/services/usage.service';
import { reviewCandidates } from '../../src/lib/server/services/candidates.service';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('usage');
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});
const who = { username: 'editor', now: '2026-12-03T10:00:00Z' };

function sjis(text: string): Uint8Array {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-usage-'));
  fs.writeFileSync(path.join(dir, 'utf8.csv'), text);
  execFileSync('iconv', [
    '-f',
    'UTF-8',
    '-t',
    'CP932',
    path.join(dir, 'utf8.csv'),
    '-o',
    path.join(dir, 'sjis.csv')
  ]);
  return new Uint8Array(fs.readFileSync(path.join(dir, 'sjis.csv')));
}

const facility = (code: string) =>
  db.selectFrom('facilities').selectAll().where('code', '=', code).executeTakeFirstOrThrow();

describe('importing use per year', () => {
  it('keeps nothing when one row is wrong, and says which', async () => {
    const before = await db.selectFrom('facility_usage').select(db.fn.countAll().as('n')).execute();
    const result = await importUsage(
      db,
      who,
      'riyou.csv',
      sjis('施設番号,年度,利用者数\r\nF0053,令和5年度,"12,000"\r\nF9999,令和5年度,5\r\n')
    );
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => [e.row, e.column, e.reasonJa])).toEqual([
      [3, 'code', '台帳にない施設コードです']
    ]);
    const after = await db.selectFrom('facility_usage').select(db.fn.countAll().as('n')).execute();
    expect(after).toEqual(before);
  });

  it('imports, replaces a year imported again, and the card follows the latest year', async () => {
    const hall = await facility('F0053');
    const first = await importUsage(
      db,
      who,
      'riyou-2025.csv',
      sjis(
        '施設番号,施設名,年度,利用者数（人）,年間経費（千円）\r\n' +
          `F0053,${hall.name},令和7年度,"２０，０００",9000\r\n` +
          `F0053,${hall.name},R8,"16,000",—\r\n`
      )
    );
    expect(first).toMatchObject({ imported: 2, facilities: 1, errors: [] });
    // Named by its name alone this time; FY2026 (the data's year) again with its cost.
    const second = await importUsage(
      db,
      who,
      'riyou-2026.csv',
      sjis(`施設名,年度,利用者数,年間経費\r\n${hall.name},2026,"15,000","9,600,000"\r\n`)
    );
    expect(second.errors).toEqual([]);
    const card = await facility('F0053');
    expect(card.yearly_users).toBe(15_000);
    expect(card.running_cost_yen).toBe(9_600_000);
    expect(card.version).toBe(hall.version + 2);

    const years = await facilityUsage(db, hall.id, 1_200);
    const fy = (y: number) => years.find((r) => r.fiscalYear === y)!;
    expect(years.filter((r) => r.fiscalYear === 2026)).toHaveLength(1);
    expect(fy(2025)).toMatchObject({
      users: 20_000,
      costYen: 9_000_000,
      costPerUser: 450,
      usersPerM2: 20_000 / 1_200
    });
    expect(fy(2026)).toMatchObject({ users: 15_000, costPerUser: 640, occupancy: null });

    // The candidates read the card's new figure: 15,000 users over its buildings' floor area.
    const row = (await reviewCandidates(db)).rows.find((r) => r.code === 'F0053')!;
    const area = await db
      .selectFrom('assets')
      .select(db.fn.sum<number>('quantity').as('a'))
      .where('facility_id', '=', hall.id)
      .where('asset_class', '=', 'building')
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(row.use.perM2).toBeCloseTo(15_000 / Number(area.a), 9);
  });

  it('refuses a name that two facilities share, asking for the code', async () => {
    const [a] = await db.selectFrom('facilities').select(['id', 'name']).limit(1).execute();
    await db
      .insertInto('facilities')
      .values({
        code: 'TWIN',
        name: a!.name,
        category: 'other',
        created_at: who.now,
        updated_at: who.now
      })
      .execute();
    const result = await importUsage(
      db,
      who,
      'twin.csv',
      new TextEncoder().encode(`名称,年度,利用者数\n${a!.name},2024,10\n`)
    );
    expect(result.errors[0]!.reasonJa).toBe(
      '同じ名前の施設が 2 件あります。施設コードで指定してください'
    );
  });

  it('the demo city has five synthetic years for its facilities, nurseries with places', async () => {
    const nursery = await db
      .selectFrom('facilities')
      .select(['id'])
      .where('subcategory', '=', 'nursery')
      .where('status', '=', 'active')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const years = await facilityUsage(db, nursery.id, 500);
    expect(years).toHaveLength(5);
    expect(years.every((y) => y.capacity! > 0 && y.occupancy! > 0 && y.occupancy! <= 1)).toBe(true);
  });
});
