import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { boundaryBounds, assetBounds } from '$lib/server/repositories/areas.repository';
import { asOfYearOf, getSettings } from '$lib/server/repositories/settings.repository';
import { listStandardKeys } from '$lib/server/repositories/standards.repository';
import { localBasemapInfo } from '$lib/server/services/mbtiles.service';

/** Japan, for a database with neither a city boundary nor assets. */
const JAPAN: [number, number, number, number] = [129, 31, 146, 45];

export const load: PageServerLoad = async () => {
  const db = await getDb();
  const settings = await getSettings(db);
  const local = localBasemapInfo();
  return {
    bounds: (await boundaryBounds(db)) ?? (await assetBounds(db)) ?? JAPAN,
    startYear: asOfYearOf(settings),
    standards: await listStandardKeys(db),
    localTiles: local
      ? local.format === 'pbf'
        ? {
            format: 'vector' as const,
            layers: local.layers,
            maxzoom: local.maxzoom,
            name: local.name
          }
        : { format: 'raster' as const, tileSize: 256, maxzoom: local.maxzoom, name: local.name }
      : null
  };
};
