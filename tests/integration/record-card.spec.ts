/** The record card's data and its edits, against the seeded demo city. */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { assetCard, recordCard } from '../../src/lib/server/services/record-card.service';
import {
  checkImportance as checkImportanceSaid,
  checkInspection as checkInspectionSaid,
  checkPolicy as checkPolicySaid,
  CardError,
  recordInspection,
  setFacilityPolicy,
  setImportance
} from '../../src/lib/server/services/card-edits.service';
import { mapIndex } from '../../src/lib/server/services/map-index.service';
import { testDatabase } from './helpers/temp-db';
import { inLanguage } from '../../src/lib/i18n/said';

// The forms' problems are said in both languages; these tests read the English (one test below
// reads the Japanese).
const checkInspection = (...a: Parameters<typeof checkInspectionSaid>) =>
  inLanguage('en', checkInspectionSaid(...a));
const checkPolicy = async (...a: Parameters<typeof checkPolicySaid>) =>
  inLanguage('en', await checkPolicySaid(...a));
const checkImportance = (...a: Parameters<typeof checkImportanceSaid>) =>
  inLanguage('en', checkImportanceSaid(...a));

const db = await testDatabase('card');
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
    expect(card.lifecycle.series.soumu).toHaveLength(40);
    // The works listed are the national method's, and they add up to its yearly totals.
    const listed = card.lifecycle.works.reduce((s, w) => s + w.cost, 0);
    const yearly = card.lifecycle.series.soumu.reduce((s, c) => s + c, 0);
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
    const ok = { inspectedOn: '2026-10-01', grade: 'C', soundness: '', inspector: '', note: '' };
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
      inspectedOn: 'a date (YYYY-MM-DD) from 1900-01-01',
      soundness: 'a number from 0 to 100, or empty'
    });
    // Before the fix these were stored: a day that does not exist, a date before any building,
    // a hexadecimal 健全度 and an inspector's name of two million characters (a 12 MB card).
    expect(
      checkInspection(
        { ...ok, inspectedOn: '2026-02-30', soundness: '0x10', inspector: '検'.repeat(2_000_000) },
        'building',
        '2026-11-27'
      )
    ).toEqual({
      inspectedOn: 'a date (YYYY-MM-DD) from 1900-01-01',
      soundness: 'a number from 0 to 100, or empty',
      inspector: 'at most 100 characters'
    });
    expect(checkInspection({ ...ok, inspectedOn: '1800-01-01' }, 'building', '2026-11-27')).toEqual(
      { inspectedOn: 'a date (YYYY-MM-DD) from 1900-01-01' }
    );
    expect(checkInspection({ ...ok, soundness: '７５.５' }, 'building', '2026-11-27')).toEqual({});
  });

  it('checks the inspection form against the grades of each class', () => {
    const ok = { inspectedOn: '2026-10-01', grade: 'IV', soundness: '', inspector: '', note: '' };
    expect(checkInspection({ ...ok, grade: 'III' }, 'road', '2026-11-27')).toEqual({});
    expect(checkInspection(ok, 'road', '2026-11-27')).toEqual({ grade: 'one of I, II, III' });
    expect(checkInspection({ ...ok, grade: 'B' }, 'water_pipe', '2026-11-27')).toEqual({});
  });
});

describe('the policy of a facility and the importance of an asset', () => {
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  it('checks the policy form', async () => {
    const ok = { policy: 'close', year: '2030', into: '' };
    expect(await checkPolicy(db, 'F0020', ok)).toEqual({});
    expect(await checkPolicy(db, 'F0020', { ...ok, policy: 'sell' })).toEqual({
      policy: 'one of standard, extend, consolidate, close'
    });
    expect(await checkPolicy(db, 'F0020', { ...ok, year: '1999' })).toEqual({
      year: 'a fiscal year from 2026 to 2086'
    });
    expect(await checkPolicy(db, 'F0020', { ...ok, policy: 'consolidate', into: 'F0020' })).toEqual(
      { into: 'another facility than this one' }
    );
    expect(await checkPolicy(db, 'F0020', { ...ok, policy: 'consolidate', into: 'F9999' })).toEqual(
      { into: 'no facility with the code F9999' }
    );
    expect(await checkPolicy(db, 'F0020', { policy: 'extend', year: '', into: '' })).toEqual({});
    // In Japanese, for the card in Japanese.
    expect(inLanguage('ja', await checkPolicySaid(db, 'F0020', { ...ok, year: '1999' }))).toEqual({
      year: '2026〜2086 の年度（西暦4桁）'
    });
  });

  it('a chosen policy changes the lifecycle, the map, and the history; a stale card is refused', async () => {
    // A facility the demo's plan leaves on the standard.
    const { code } = await db
      .selectFrom('facilities')
      .select('code')
      .where('policy', '=', 'standard')
      .where('status', '=', 'active')
      .where('code', '>=', 'F0020')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    const before = (await recordCard(db, code))!;
    expect(before.facility.policy).toBe('standard');
    expect(before.lifecycle.series.policy).toBeNull();
    const who = { username: 'tanaka', now: '2026-11-27T10:00:00Z' };

    await setFacilityPolicy(
      db,
      { code: code, version: before.facility.version, policy: 'extend', year: '', into: '' },
      who
    );
    const extended = (await recordCard(db, code))!;
    expect(extended.facility).toMatchObject({
      policy: 'extend',
      version: before.facility.version + 1
    });
    // Under life extension the facility's series is the longevity one (same assets, same method).
    expect(extended.lifecycle.series.policy).toEqual(extended.lifecycle.series.longevity);
    expect(extended.audit[0]).toMatchObject({
      action: 'policy',
      entityId: code,
      username: 'tanaka'
    });

    // Closing it from the first year leaves only its demolition that year, at the city's cost per
    // ㎡ (the demo's 30,000 円), on the card and on the map.
    await setFacilityPolicy(
      db,
      {
        code: code,
        version: extended.facility.version,
        policy: 'close',
        year: '2026',
        into: ''
      },
      who
    );
    const closed = (await recordCard(db, code))!;
    const area = sum(closed.assets.map((a) => a.quantity));
    expect(sum(closed.lifecycle.series.policy!)).toBeCloseTo(area * 30_000, 0);
    expect(closed.lifecycle.series.policy![0]).toBeCloseTo(area * 30_000, 0);
    expect(sum(closed.lifecycle.series.soumu)).toBeGreaterThan(area * 30_000);
    expect(new Set(closed.lifecycle.works.map((w) => `${w.workType} ${w.dueYear}`))).toEqual(
      new Set(['demolition 2026'])
    );
    const index = await mapIndex(db);
    for (const a of closed.assets) expect(index.byCode.get(a.code)!.props.n).toBe(2026);

    const stale = setFacilityPolicy(
      db,
      { code: 'F0020', version: extended.facility.version, policy: 'standard', year: '', into: '' },
      who
    );
    await expect(stale).rejects.toMatchObject({ status: 409 });
    expect((await recordCard(db, code))!.facility.policy).toBe('close');
  });

  it('sets an asset importance with a version check and an audit entry', async () => {
    expect(checkImportance('3')).toEqual({});
    expect(checkImportance('0')).toEqual({ importance: 'a whole number from 1 to 5' });
    expect(checkImportance('2.5')).toEqual({ importance: 'a whole number from 1 to 5' });
    const card = (await assetCard(db, 'F0012-02'))!;
    const next = card.asset.importance === 5 ? 1 : card.asset.importance + 1;
    const who = { username: null, now: '2026-11-27T11:00:00Z' };
    await setImportance(
      db,
      { assetCode: 'F0012-02', version: card.asset.version, importance: next },
      who
    );
    const after = (await assetCard(db, 'F0012-02'))!;
    expect(after.asset).toMatchObject({ importance: next, version: card.asset.version + 1 });
    expect(after.audit[0]).toMatchObject({ action: 'importance', entityId: 'F0012-02' });
    await expect(
      setImportance(db, { assetCode: 'F0012-02', version: card.asset.version, importance: 1 }, who)
    ).rejects.toBeInstanceOf(CardError);
    expect((await assetCard(db, 'F0012-02'))!.asset.importance).toBe(next);
  });
});

describe('the card of a road, a bridge or a pipe', () => {
  it('shows each class by its own attributes, with its works', async () => {
    for (const assetClass of ['road', 'bridge', 'water_pipe', 'sewer_pipe']) {
      const row = await db
        .selectFrom('assets')
        .select('code')
        .where('asset_class', '=', assetClass)
        .where('year_built', 'is not', null)
        .orderBy('year_built')
        .executeTakeFirstOrThrow();
      const card = (await assetCard(db, row.code))!;
      expect(card.asset.assetClass).toBe(assetClass);
      expect(card.facility).toBeNull();
      expect(card.lifecycle.series.soumu).toHaveLength(40);
      if (assetClass === 'road') expect(card.asset.widthM).not.toBeNull();
      if (assetClass === 'bridge') expect(card.asset.structure).not.toBeNull();
      if (assetClass.endsWith('pipe')) expect(card.asset.diameterMm).not.toBeNull();
      // The oldest of its class has works within the 40 years, and they add up to the series.
      expect(card.lifecycle.works.length).toBeGreaterThan(0);
      expect(
        Math.abs(
          card.lifecycle.works.reduce((s, w) => s + w.cost, 0) -
            card.lifecycle.series.soumu.reduce((s, c) => s + c, 0)
        )
      ).toBeLessThan(1);
    }
    expect(await assetCard(db, 'NO-SUCH')).toBeNull();
  });
});
