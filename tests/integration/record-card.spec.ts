/** The record card's data and its edits, against the seeded demo city. */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import {
  CardError,
  checkInspection,
  recordCard,
  recordInspection
} from '../../src/lib/server/services/record-card.service';
import { tempDir } from './helpers/temp-db';

const db = openDatabase(path.join(tempDir(), 'card.sqlite'));
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

describe('the record card', () => {
  it('gathers a facility, its buildings with their inspections, and its lifecycle under both standards', async () => {
    const card = (await recordCard(db, 'F0012'))!;
    expect(card.facility.code).toBe('F0012');
    expect(card.assets.length).toBeGreaterThan(0);
    expect(card.assets.every((a) => a.assetClass === 'building')).toBe(true);
    expect(card.lifecycle.soumu).toHaveLength(40);
    // The works listed are the national method's, and they add up to its yearly totals.
    const listed = card.works.reduce((s, w) => s + w.cost, 0);
    const yearly = card.lifecycle.soumu.reduce((s, c) => s + c, 0);
    expect(Math.abs(listed - yearly)).toBeLessThan(1);
    expect(await recordCard(db, 'NO-SUCH')).toBeNull();
  });

  it('records an inspection with a version check, and audits it', async () => {
    const before = (await recordCard(db, 'F0012'))!;
    const asset = before.assets[0]!;
    await recordInspection(
      db,
      {
        assetCode: asset.code,
        version: asset.version,
        inspectedOn: '2026-10-01',
        grade: 'B',
        soundness: null,
        inspector: 'sato',
        note: '改修後'
      },
      { username: 'sato', now: '2026-10-01T09:00:00Z' }
    );
    const after = (await recordCard(db, 'F0012'))!;
    const updated = after.assets.find((a) => a.code === asset.code)!;
    // Without a 健全度 the grade's points stand in (B = 75).
    expect(updated).toMatchObject({
      conditionGrade: 'B',
      soundness: 75,
      version: asset.version + 1
    });
    expect(updated.inspections[0]).toMatchObject({
      inspectedOn: '2026-10-01',
      grade: 'B',
      note: '改修後'
    });
    expect(after.audit[0]).toMatchObject({
      action: 'inspect',
      entityId: asset.code,
      username: 'sato'
    });

    // The same form sent again carries the old version: refused, nothing written.
    const stale = recordInspection(
      db,
      {
        assetCode: asset.code,
        version: asset.version,
        inspectedOn: '2026-10-02',
        grade: 'D',
        soundness: 5,
        inspector: null,
        note: null
      },
      { username: 'suzuki', now: '2026-10-02T09:00:00Z' }
    );
    await expect(stale).rejects.toBeInstanceOf(CardError);
    await expect(stale).rejects.toMatchObject({ status: 409 });
    const unchanged = (await recordCard(db, 'F0012'))!.assets.find((a) => a.code === asset.code)!;
    expect(unchanged).toMatchObject({ conditionGrade: 'B', version: asset.version + 1 });
    expect(unchanged.inspections.filter((i) => i.inspectedOn === '2026-10-02')).toEqual([]);
  });

  it('checks the inspection form', () => {
    const ok = { inspectedOn: '2026-10-01', grade: 'C', soundness: '', note: '' };
    expect(checkInspection(ok, 'building', '2026-11-27')).toEqual({});
    expect(checkInspection({ ...ok, grade: 'III' }, 'building', '2026-11-27')).toEqual({
      grade: 'one of A, B, C, D'
    });
    expect(checkInspection({ ...ok, grade: 'III' }, 'bridge', '2026-11-27')).toEqual({});
    expect(checkInspection({ ...ok, inspectedOn: '2027-01-01' }, 'building', '2026-11-27')).toEqual(
      {
        inspectedOn: 'not in the future'
      }
    );
    expect(
      checkInspection(
        { ...ok, inspectedOn: '01/10/2026', soundness: '120' },
        'building',
        '2026-11-27'
      )
    ).toEqual({
      inspectedOn: 'a date (YYYY-MM-DD)',
      soundness: 'a number from 0 to 100, or empty'
    });
  });
});
