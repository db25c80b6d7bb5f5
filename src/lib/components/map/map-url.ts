/**
 * The map's state in the URL, so that a view can be shared: where it looks (`v=zoom/lat/lon`),
 * what colours the assets (`color`), which layer groups are off (`hide`), the basemap (`base`),
 * the standard of the next-work years (`std`) and the filter (see map-filter.ts). Parameters that
 * are not understood are reported and ignored; the rest of the view still opens.
 */
import { mapFilterParams, parseMapFilter, type MapFilter } from '$lib/map-filter';
import { BASEMAPS, COLOURINGS, type Basemap, type Colouring } from './map-style';

export interface MapView {
  zoom: number;
  lat: number;
  lon: number;
}

export interface MapUrlState {
  view: MapView | null;
  colouring: Colouring;
  /** Layer groups switched off, or null for the default set. */
  hidden: string[] | null;
  basemap: Basemap;
  standard: string;
  filter: MapFilter;
}

export function parseMapUrl(params: URLSearchParams): { state: MapUrlState; problems: string[] } {
  const { filter, problems } = parseMapFilter(params);
  let view: MapView | null = null;
  const v = params.get('v');
  if (v) {
    const [zoom, lat, lon] = v.split('/').map(Number);
    if (
      [zoom, lat, lon].every((n) => n !== undefined && Number.isFinite(n)) &&
      zoom! >= 0 &&
      zoom! <= 22 &&
      Math.abs(lat!) <= 85 &&
      Math.abs(lon!) <= 180
    )
      view = { zoom: zoom!, lat: lat!, lon: lon! };
    else problems.push(`URL parameter "v": "${v}" is not zoom/latitude/longitude`);
  }
  const choice = <T extends string>(name: string, choices: readonly T[], fallback: T): T => {
    const raw = params.get(name);
    if (raw === null || raw === '') return fallback;
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    problems.push(`URL parameter "${name}": "${raw}" is not one of ${choices.join(', ')}`);
    return fallback;
  };
  const std = params.get('std') ?? 'soumu';
  if (!/^[a-z0-9_-]{1,40}$/.test(std))
    problems.push(`URL parameter "std": "${std}" is not a standard's key`);
  return {
    state: {
      view,
      colouring: choice('color', COLOURINGS, 'age'),
      hidden: params.has('hide') ? (params.get('hide') ?? '').split(',').filter(Boolean) : null,
      basemap: choice('base', BASEMAPS, 'city'),
      standard: /^[a-z0-9_-]{1,40}$/.test(std) ? std : 'soumu',
      filter
    },
    problems
  };
}

/** The state as a query string (starting with `?`), the view rounded to what a screen shows. */
export function mapUrlQuery(state: MapUrlState): string {
  const params = new URLSearchParams();
  if (state.view)
    params.set(
      'v',
      `${state.view.zoom.toFixed(2)}/${state.view.lat.toFixed(5)}/${state.view.lon.toFixed(5)}`
    );
  params.set('color', state.colouring);
  if (state.hidden !== null) params.set('hide', state.hidden.join(','));
  if (state.basemap !== 'city') params.set('base', state.basemap);
  if (state.standard !== 'soumu') params.set('std', state.standard);
  for (const [key, value] of mapFilterParams(state.filter)) params.set(key, value);
  return `?${params.toString().replaceAll('%2C', ',').replaceAll('%2F', '/')}`;
}
