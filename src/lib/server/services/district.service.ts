/**
 * "My district" for the public pages: the city's places (from its facilities' addresses and its
 * named census areas), and from one of them the nearest facilities offering each service now and
 * once the plan is carried out — the facilities' policies and the adopted plan's closures,
 * consolidations and new buildings (as a scenario applies them). Read once per state of the data.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { findPlaces, gazetteer, reachFrom, type Place } from '../../district';
import { SERVICES } from '../../engine/access-defaults';
import { servicePoints } from './access.service';
import { city, withPlanOverrides } from './plan-inputs';
import { adoptedPlanForScenario } from './plan-reads.service';
import { facilityPlanOverrides } from '../repositories/facility-plan.repository';
import { activeFacilityAddresses, facilityPlaces } from '../repositories/facilities.repository';
import { latestAreaPoints } from '../repositories/population.repository';
import { asOfYear } from '../repositories/settings.repository';
import { adoptedPlanVersion } from '../repositories/plans.repository';
import { perRevision } from './per-revision';

/** Years looked ahead when the plan names no year past today's. */
const PLAN_SPAN = 10;

const districtData = perRevision(async (db: Kysely<Database>) => {
  const [{ assets }, asOf, cards, facilities, addresses, areas, plan] = await Promise.all([
    city(db),
    asOfYear(db),
    facilityPlanOverrides(db),
    facilityPlaces(db),
    activeFacilityAddresses(db),
    latestAreaPoints(db),
    adoptedPlanVersion(db)
  ]);
  const adopted = await adoptedPlanForScenario(db, asOf, assets);
  const overrides = withPlanOverrides(cards, adopted.overrides);
  const { points } = servicePoints(facilities, assets, overrides);
  // The plan's year: its last closure or opening still to come (else ten years on).
  const years = overrides.flatMap((o) =>
    (o.kind === 'close' || o.kind === 'new_building') && o.year >= asOf ? [o.year] : []
  );
  const planYear = years.length ? Math.max(...years) : asOf + PLAN_SPAN;
  return {
    places: gazetteer(addresses, areas),
    points,
    asOf,
    planYear,
    plan: plan ? { name: plan.name, fiscalYear: plan.fiscal_year } : null,
    names: new Map(facilities.map((f) => [f.code, { name: f.name, status: f.status }]))
  };
});

/** The places a citizen may choose, by name. */
export async function districtPlaces(db: Kysely<Database>): Promise<Place[]> {
  return (await districtData(db)).places;
}

/** The places an address or a name typed may mean. */
export async function searchPlaces(db: Kysely<Database>, query: string): Promise<Place[]> {
  return findPlaces((await districtData(db)).places, query.slice(0, 200));
}

/** From one place: the nearest facilities of each service now and under the plan (null: no such place). */
export async function districtReach(db: Kysely<Database>, key: string) {
  const d = await districtData(db);
  const place = d.places.find((p) => p.key === key);
  if (!place) return null;
  const reach = reachFrom(place, d.points, SERVICES, [d.asOf, d.planYear]);
  const named = (list: { facility: string; distance: number }[]) =>
    list.map((n) => {
      const f = d.names.get(n.facility);
      return {
        code: n.facility,
        name: f?.name ?? n.facility,
        // Only a facility in service has a public page; a planned one is named only.
        listed: f?.status === 'active',
        distance: Math.round(n.distance / 10) * 10
      };
    });
  return {
    place,
    asOf: d.asOf,
    planYear: d.planYear,
    plan: d.plan,
    services: reach.map((r, k) => ({
      id: r.service,
      label: SERVICES[k]!.label,
      limit: r.limit,
      now: named(r.now),
      planned: named(r.planned)
    }))
  };
}
