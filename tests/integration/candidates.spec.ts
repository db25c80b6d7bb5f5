/**
 * Candidates for review on the demo city: the score is the mean of the criteria it shows; the
 * demand a row shows is the catchment the facility's card shows; the nearest of its kind that stays
 * is the nearest (every pair measured here); recording users moves a facility's use score as the rule says.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import { seedDemoCity } from '../../src/lib/server/services/demo-seed.service';
import { reviewCandidates } from '../../src/lib/server/services/candidates.service';
import { facilityDemand } from '../../src/lib/server/services/population.service';
import { writeAudit } from '../../src/lib/server/repositories/audit.repository';
import { metres } from '../../src/lib/engine/access';
import { testTarget } from './helpers/temp-db';

const target = await testTarget('candidates');
const db = await target.open();
beforeAll(async () => {
  await migrateToLatest(db);
  await seedDemoCity(db);
  return () => db.destroy();
});

describe('candidates for review on the demo city', () => {
  it('ranks every placed facility in service by the mean of the criteria it scored', async () => {
    const page = await reviewCandidates(db);
    const placed = await db
      .selectFrom('facilities')
      .select(db.fn.countAll<number>().as('n'))
      .where('status', '=', 'active')
      .where('lon', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(page.rows).toHaveLength(Number(placed.n));
    expect(page.censusYear).toBe(2020);
    for (const r of page.rows) {
      const parts = [r.demand.score, r.overlap.score, r.use.score, r.condition.score].filter(
        (v): v is number => v !== null
      );
      expect(r.criteria).toBe(parts.length);
      expect(r.score).toBeCloseTo(parts.reduce((s, v) => s + v, 0) / parts.length, 12);
    }
    const scores = page.rows.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('shows the people within reach that the card shows, and the nearest of the same kind', async () => {
    const page = await reviewCandidates(db);
    const schools = page.rows.filter((r) => r.group === 'elementary');
    expect(schools.length).toBeGreaterThan(5);
    const places = await db
      .selectFrom('facilities')
      .select(['code', 'lon', 'lat', 'category', 'subcategory', 'policy'])
      .where('subcategory', '=', 'elementary_school')
      .where('status', '=', 'active')
      .execute();
    const at = new Map(places.map((p) => [p.code, p]));
    for (const r of schools.slice(0, 5)) {
      const card = (await facilityDemand(db, at.get(r.code)!))!;
      expect(r.demand.now).toBeCloseTo(card.points[0]!.people, 6);
      expect(r.demand.later).toBeCloseTo(card.points.find((p) => p.year === 2050)!.people, 6);
      const me = at.get(r.code)!;
      // The nearest that stays (its card neither closes nor consolidates it).
      const others = places.filter((p) => p.code !== r.code);
      const staying = others.filter((p) => p.policy !== 'close' && p.policy !== 'consolidate');
      const nearest = (staying.length ? staying : others)
        .map((p) => ({ code: p.code, d: metres(me.lon!, me.lat!, p.lon!, p.lat!) }))
        .sort((a, b) => a.d - b.d)[0]!;
      expect(r.nearest!.code).toBe(nearest.code);
      expect(r.nearest!.metres).toBeCloseTo(nearest.d, 6);
    }
  });

  it('scores a facility with no users recorded as used by nobody (1), once users are recorded', async () => {
    const before = await reviewCandidates(db);
    const community = before.rows.filter((r) => r.group === 'community');
    const quiet = community.find((r) => r.use.median !== null)!;
    await db
      .updateTable('facilities')
      .set({ yearly_users: 0 })
      .where('code', '=', quiet.code)
      .execute();
    await writeAudit(
      db,
      { username: 'test', now: new Date().toISOString() },
      { action: 'update', entity: 'facility', entityId: null, before: null, after: null }
    );
    const after = (await reviewCandidates(db)).rows.find((r) => r.code === quiet.code)!;
    expect(after.use).toMatchObject({ perM2: 0, score: 1 });
  });
});
