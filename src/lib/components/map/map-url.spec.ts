import { describe, expect, it } from 'vitest';
import { NO_FILTER } from '$lib/map-filter';
import { mapUrlQuery, parseMapUrl, type MapUrlState } from './map-url';

describe('the map state in the URL', () => {
  it('round-trips the view, colouring, hidden layers, basemap, standard and filter', () => {
    const state: MapUrlState = {
      view: { zoom: 15.25, lat: 34.86751, lon: 138.25778 },
      colouring: 'next',
      hidden: ['roads', 'hazards'],
      basemap: 'gsi-pale',
      standard: 'longevity',
      filter: { ...NO_FILTER, categories: ['school'], builtTo: 1980, hazard: 'in' }
    };
    const query = mapUrlQuery(state);
    expect(query).toBe(
      '?v=15.25/34.86751/138.25778&color=next&hide=roads,hazards&base=gsi-pale&std=longevity&cat=school&to=1980&hazard=in'
    );
    const back = parseMapUrl(new URLSearchParams(query));
    expect(back.problems).toEqual([]);
    expect(back.state).toEqual(state);
  });

  it('opens the default view from a bare URL', () => {
    const { state, problems } = parseMapUrl(new URLSearchParams(''));
    expect(problems).toEqual([]);
    expect(state).toEqual({
      view: null,
      colouring: 'age',
      hidden: null,
      basemap: 'city',
      standard: 'soumu',
      filter: NO_FILTER
    });
  });

  it('reports what it cannot read and keeps the rest', () => {
    const { state, problems } = parseMapUrl(
      new URLSearchParams('v=99/0/0&color=rainbow&base=google&std=../x&cat=park')
    );
    expect(problems).toEqual([
      'URL parameter "v": "99/0/0" is not zoom/latitude/longitude',
      'URL parameter "std": "../x" is not a standard\'s key',
      'URL parameter "color": "rainbow" is not one of age, grade, next, plan, planYear, class, category',
      'URL parameter "base": "google" is not one of city, gsi-pale, gsi-std, gsi-photo, local'
    ]);
    expect(state.view).toBeNull();
    expect(state.colouring).toBe('age');
    expect(state.standard).toBe('soumu');
    expect(state.filter.categories).toEqual(['park']);
  });
});
