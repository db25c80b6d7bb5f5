import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const box = await db
    .selectFrom('basemap_features')
    .select((eb) => [
      eb.fn.min<number>('min_lon').as('west'),
      eb.fn.min<number>('min_lat').as('south'),
      eb.fn.max<number>('max_lon').as('east'),
      eb.fn.max<number>('max_lat').as('north')
    ])
    .where('kind', '=', 'boundary')
    .executeTakeFirst();
  // Without a boundary (an empty city), frame the assets themselves, or Japan.
  const fallback = await db
    .selectFrom('assets')
    .select((eb) => [
      eb.fn.min<number>('min_lon').as('west'),
      eb.fn.min<number>('min_lat').as('south'),
      eb.fn.max<number>('max_lon').as('east'),
      eb.fn.max<number>('max_lat').as('north')
    ])
    .executeTakeFirst();
  const b = box?.west != null ? box : fallback?.west != null ? fallback : { west: 129, south: 31, east: 146, north: 45 };
  return { bounds: [b.west, b.south, b.east, b.north] as [number, number, number, number] };
};
