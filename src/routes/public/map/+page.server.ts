import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  LINE_LAYERS,
  publicBridges,
  publicFacilities,
  publicLines
} from '$lib/server/services/public-portal.service';
import { cityBoundary } from '$lib/server/services/home.service';
import { revisionKey } from '$lib/server/repositories/revision.repository';
import { fitView, linesPath, mapPoints, PUBLIC_MAP } from '$lib/geo/svg-view';

/**
 * The published layers on the city's outline: facilities and bridges as points, roads and pipes
 * as lines (each class one path, drawn here in the page's view).
 */
export const load: PageServerLoad = async ({ parent }) => {
  const db = await getDb();
  const { portal } = await parent();
  const facilities = portal.layers.includes('building')
    ? (await publicFacilities(db))
        .filter((f) => f.lon !== null && f.lat !== null)
        .map((f) => ({
          code: f.code,
          name: f.name,
          lon: f.lon!,
          lat: f.lat!,
          action: f.next?.action ?? null
        }))
    : [];
  const bridges = portal.layers.includes('bridge') ? await publicBridges(db) : [];
  const boundary = await cityBoundary(db);
  const published = LINE_LAYERS.filter((l) => portal.layers.includes(l));
  let lines: { layer: string; d: string }[] = [];
  if (published.length) {
    // Drawn once per state of the data and choice of layers (tens of thousands of segments).
    const key = `${await revisionKey(db)}|${portal.layers.join(',')}`;
    if (drawn?.key !== key) {
      const all = await publicLines(db);
      // The view of the outline and the points, as the page draws them (lines do not widen it).
      const view = fitView(
        mapPoints(boundary, facilities, bridges),
        PUBLIC_MAP.width,
        PUBLIC_MAP.height
      );
      drawn = {
        key,
        lines: view
          ? published.map((layer) => ({ layer, d: linesPath(all.get(layer)!, view) }))
          : []
      };
    }
    lines = drawn.lines;
  }
  return { boundary, facilities, bridges, lines };
};

/** The line layers last drawn, under the key of the data and layers they were drawn for. */
let drawn: { key: string; lines: { layer: string; d: string }[] } | null = null;
