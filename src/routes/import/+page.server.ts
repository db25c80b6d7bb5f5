import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listImportMappings } from '$lib/server/repositories/import-mappings.repository';
import { PLANE_ZONE_CODES, describeCrs } from '$lib/io/crs';

export const load: PageServerLoad = async () => ({
  mappings: await listImportMappings(await getDb()),
  crsOptions: ['EPSG:4326', 'EPSG:6668', ...PLANE_ZONE_CODES].map((code) => ({
    code,
    label: describeCrs(code)
  }))
});
