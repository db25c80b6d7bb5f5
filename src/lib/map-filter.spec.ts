import { featureFilter } from '@maplibre/maplibre-gl-style-spec';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  filterExpression,
  GRADE_CHOICES,
  isNoFilter,
  mapFilterParams,
  matchesFilter,
  NO_FILTER,
  parseMapFilter,
  type MapFeatureProperties,
  type MapFilter
} from './map-filter';

const CATEGORIES = ['school', 'childcare', 'park', 'general', 'conveyance'];

const arbFilter: fc.Arbitrary<MapFilter> = fc
  .record({
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 3 }),
    from: fc.option(fc.integer({ min: 1940, max: 2030 })),
    span: fc.integer({ min: 0, max: 60 }),
    to: fc.boolean(),
    grades: fc.uniqueArray(fc.constantFrom(...GRADE_CHOICES), { maxLength: 4 }),
    hazard: fc.constantFrom('all' as const, 'in' as const, 'out' as const),
    status: fc.constantFrom('all' as const, 'active' as const, 'closed' as const)
  })
  .map((r) => ({
    categories: r.categories,
    builtFrom: r.from,
    builtTo: r.to ? (r.from ?? 1960) + r.span : null,
    grades: r.grades,
    hazard: r.hazard,
    status: r.status
  }));

const arbProps: fc.Arbitrary<MapFeatureProperties> = fc
  .record({
    code: fc.string({ minLength: 1, maxLength: 8 }),
    cat: fc.constantFrom(...CATEGORIES),
    y: fc.option(fc.integer({ min: 1930, max: 2040 })),
    g: fc.option(fc.constantFrom('A', 'B', 'C', 'D', 'I', 'II', 'III', 'IV')),
    hz: fc.constantFrom(0 as const, 1 as const),
    st: fc.constantFrom('active', 'closed')
  })
  .map(({ y, g, ...rest }) => ({
    ...rest,
    ...(y === null ? {} : { y }),
    ...(g === null ? {} : { g })
  }));

describe('the map filter', () => {
  it('lets the browser (MapLibre expression) and the server (predicate) agree on every feature', () => {
    fc.assert(
      fc.property(arbFilter, fc.array(arbProps, { minLength: 1, maxLength: 30 }), (f, features) => {
        const expression = filterExpression(f);
        const browser = featureFilter(expression as never, 'filter');
        for (const properties of features) {
          const shown = browser.filter(
            { zoom: 14 } as never,
            {
              type: 1,
              properties,
              geometry: []
            } as never
          );
          expect(shown).toBe(matchesFilter(properties, f));
        }
      }),
      { numRuns: 300 }
    );
  });

  it('round-trips through the URL', () => {
    fc.assert(
      fc.property(arbFilter, (f) => {
        const params = new URLSearchParams(mapFilterParams(f));
        const back = parseMapFilter(params);
        expect(back.problems).toEqual([]);
        expect(back.filter).toEqual(f);
      })
    );
  });

  it('reads a shared link', () => {
    const { filter, problems } = parseMapFilter(
      new URLSearchParams(
        'cat=school,childcare&from=1965&to=1980&grade=C,D&hazard=in&status=active'
      )
    );
    expect(problems).toEqual([]);
    expect(filter).toEqual({
      categories: ['school', 'childcare'],
      builtFrom: 1965,
      builtTo: 1980,
      grades: ['C', 'D'],
      hazard: 'in',
      status: 'active'
    });
    expect(
      matchesFilter({ code: 'x', cat: 'school', y: 1972, g: 'D', hz: 1, st: 'active' }, filter)
    ).toBe(true);
    expect(
      matchesFilter({ code: 'x', cat: 'school', y: 1972, g: 'B', hz: 1, st: 'active' }, filter)
    ).toBe(false);
    expect(matchesFilter({ code: 'x', cat: 'school', g: 'D', hz: 1, st: 'active' }, filter)).toBe(
      false
    );
  });

  it('names each parameter it cannot read, and ignores only that one', () => {
    const { filter, problems } = parseMapFilter(
      new URLSearchParams('from=abc&to=1990&grade=C,Z&hazard=maybe&status=closed')
    );
    expect(problems).toEqual([
      'URL parameter "grade": "Z" not among A, B, C, D, I, II, III, IV, -',
      'URL parameter "from": "abc" is not a year between 1800 and 2200',
      'URL parameter "hazard": "maybe" is not one of all, in, out'
    ]);
    expect(filter).toEqual({ ...NO_FILTER, builtTo: 1990, grades: ['C'], status: 'closed' });
    const reversed = parseMapFilter(new URLSearchParams('from=1990&to=1970'));
    expect(reversed.problems).toEqual([
      'URL parameters "from" 1990 and "to" 1970: "from" is after "to"'
    ]);
    expect(isNoFilter(reversed.filter)).toBe(true);
  });

  it('is no filter at all by default', () => {
    expect(filterExpression(NO_FILTER)).toBeNull();
    expect(mapFilterParams(NO_FILTER)).toEqual([]);
  });
});
