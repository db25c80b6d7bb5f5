/**
 * Reading a map request's URL: the standard (`std`), the filter, the view (`bbox`) and the layers,
 * each refused with a 400 naming the parameter and the value when it is not understood.
 */
import { error } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import { parseMapFilter, type MapFilter } from '../map-filter';
import type { Database } from './db/database';
import {
  ASSET_LAYERS,
  mapIndex,
  UnknownStandardError,
  type AssetLayer,
  type MapIndex
} from './services/map-index.service';
import { type View } from './services/map-search.service';

/** The filter of a request, or a 400 listing what is wrong with it. */
export function requestFilter(url: URL): MapFilter {
  const { filter, problems } = parseMapFilter(url.searchParams);
  if (problems.length) error(400, problems.join('; '));
  return filter;
}

/** The map index under the requested standard (`std`, default soumu), or a 404. */
export async function requestIndex(db: Kysely<Database>, url: URL): Promise<MapIndex> {
  const standard = url.searchParams.get('std') || 'soumu';
  try {
    return await mapIndex(db, standard);
  } catch (e) {
    if (e instanceof UnknownStandardError) error(404, e.message);
    throw e;
  }
}

/** `bbox=west,south,east,north` in degrees. */
export function requestView(url: URL): View {
  const raw = url.searchParams.get('bbox');
  if (!raw) error(400, 'URL parameter "bbox" is missing (west,south,east,north in degrees)');
  const parts = raw.split(',').map(Number);
  if (
    parts.length !== 4 ||
    parts.some((p) => !Number.isFinite(p)) ||
    parts[0]! > parts[2]! ||
    parts[1]! > parts[3]! ||
    Math.abs(parts[1]!) > 90 ||
    Math.abs(parts[3]!) > 90
  )
    error(400, `URL parameter "bbox": "${raw}" is not west,south,east,north in degrees`);
  return parts as View;
}

/** `layers=buildings,roads` (default: every asset layer). */
export function requestLayers(value: string | null | undefined): AssetLayer[] {
  const all = Object.keys(ASSET_LAYERS) as AssetLayer[];
  if (!value) return all;
  const asked = value.split(',').filter(Boolean);
  const unknown = asked.filter((l) => !all.includes(l as AssetLayer));
  if (unknown.length)
    error(
      400,
      `layers: ${unknown.map((l) => `"${l}"`).join(', ')} unknown (layers: ${all.join(', ')})`
    );
  return asked as AssetLayer[];
}

/** The z/x/y of a tile URL, or a 400 when no such tile exists. */
export function requestTile(params: { z: string; x: string; y: string }): [number, number, number] {
  const [z, x, y] = [params.z, params.x, params.y].map(Number) as [number, number, number];
  if (
    ![z, x, y].every(Number.isInteger) ||
    z < 0 ||
    z > 24 ||
    x < 0 ||
    y < 0 ||
    x >= 2 ** z ||
    y >= 2 ** z
  )
    error(400, `tile ${params.z}/${params.x}/${params.y} does not exist`);
  return [z, x, y];
}
