import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { facilityByCode } from '$lib/server/repositories/facilities.repository';
import { facilityDemand, type FacilityDemand } from '$lib/server/services/population.service';

/** GET /api/map/catchment?facility=CODE: the facility's catchment (null without population data). */
export type CatchmentResponse = {
  code: string;
  lon: number | null;
  lat: number | null;
  demand: FacilityDemand | null;
};

/** A facility's catchment as its card shows it: the age it serves, its reach, the people in it. */
export const GET: RequestHandler = async ({ url }) => {
  const code = (url.searchParams.get('facility') ?? '').slice(0, 100);
  const f = code ? await facilityByCode(await getDb(), code) : undefined;
  if (!f) error(404, `no facility with the code "${code}"`);
  const demand = await facilityDemand(await getDb(), f);
  return json({ code: f.code, lon: f.lon, lat: f.lat, demand } satisfies CatchmentResponse);
};
