/**
 * The map a component is composed into: MapView sets it, the components inside it (popups,
 * drawing) read it to attach their handlers, as svelte-maplibre's context does.
 */
import { getContext, setContext } from 'svelte';
import type { Map as MapLibreMap } from 'maplibre-gl';

const KEY = Symbol('hozen-map');

/** Called by MapView: `get` answers the map once it has loaded. */
export function setMapContext(get: () => MapLibreMap | undefined): void {
  setContext(KEY, get);
}

/** The map of the MapView this component is inside (children render only once it has loaded). */
export function mapOfContext(): MapLibreMap {
  const get = getContext<(() => MapLibreMap | undefined) | undefined>(KEY);
  const map = get?.();
  if (!map) throw new Error('a map component must be placed inside a loaded MapView');
  return map;
}
