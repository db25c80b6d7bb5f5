/**
 * The map's filter — by use category, year built, condition grade, hazard zone and status — in
 * one place for the browser and the server: read from and written to the URL (so a filtered view
 * can be shared), turned into a MapLibre filter expression for the layers drawn in the browser,
 * and into a predicate for what the server counts, clusters and lists. A unit test checks that
 * the expression and the predicate agree on every feature.
 *
 * Map features carry short property names (tiles are sent to the browser by the hundred):
 * `code`, `name`, `cat` use category (or kind/structure), `y` fiscal year built, `g` condition
 * grade, `n` next work year, `hz` 1 inside a hazard zone, `st` status, `f` facility code.
 */

/** The properties of one asset on the map. */
export interface MapFeatureProperties {
  code: string;
  name?: string;
  cat: string;
  y?: number;
  g?: string;
  n?: number;
  hz: 0 | 1;
  st: string;
  f?: string;
  /** The next planned action (個別施設計画) and its fiscal year, when the plan has one. */
  pa?: string;
  py?: number;
}

export const HAZARD_CHOICES = ['all', 'in', 'out'] as const;
export const STATUS_CHOICES = ['all', 'active', 'closed'] as const;
/** Grades of every class (buildings A–D, bridges I–IV, pavement I–III) and '-' for none. */
export const GRADE_CHOICES = ['A', 'B', 'C', 'D', 'I', 'II', 'III', 'IV', '-'] as const;

export interface MapFilter {
  /** Use categories to show; empty shows all. */
  categories: string[];
  /** Fiscal years built, inclusive; an asset of unknown year is hidden when either is set. */
  builtFrom: number | null;
  builtTo: number | null;
  /** Grades to show ('-' = no grade recorded); empty shows all. */
  grades: string[];
  hazard: (typeof HAZARD_CHOICES)[number];
  status: (typeof STATUS_CHOICES)[number];
}

export const NO_FILTER: MapFilter = {
  categories: [],
  builtFrom: null,
  builtTo: null,
  grades: [],
  hazard: 'all',
  status: 'all'
};

/** The URL parameters the filter uses. */
export const FILTER_PARAMS = ['cat', 'from', 'to', 'grade', 'hazard', 'status'] as const;

const list = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * The filter in URL parameters, with a message per parameter that is not understood (the
 * parameter is then ignored). Categories are not checked against a list: a city's own use
 * categories are as valid as the national ones.
 */
export function parseMapFilter(params: URLSearchParams): { filter: MapFilter; problems: string[] } {
  const problems: string[] = [];
  const year = (name: 'from' | 'to'): number | null => {
    const raw = params.get(name);
    if (raw === null || raw.trim() === '') return null;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1800 || value > 2200) {
      problems.push(`URL parameter "${name}": "${raw}" is not a year between 1800 and 2200`);
      return null;
    }
    return value;
  };
  const choice = <T extends string>(name: string, choices: readonly T[]): T => {
    const raw = params.get(name);
    if (raw === null || raw === '') return choices[0]!;
    if ((choices as readonly string[]).includes(raw)) return raw as T;
    problems.push(`URL parameter "${name}": "${raw}" is not one of ${choices.join(', ')}`);
    return choices[0]!;
  };
  const grades = list(params.get('grade'));
  const unknownGrades = grades.filter((g) => !(GRADE_CHOICES as readonly string[]).includes(g));
  if (unknownGrades.length)
    problems.push(
      `URL parameter "grade": ${unknownGrades.map((g) => `"${g}"`).join(', ')} not among ${GRADE_CHOICES.join(', ')}`
    );
  let builtFrom = year('from');
  let builtTo = year('to');
  if (builtFrom !== null && builtTo !== null && builtFrom > builtTo) {
    problems.push(`URL parameters "from" ${builtFrom} and "to" ${builtTo}: "from" is after "to"`);
    builtFrom = builtTo = null;
  }
  return {
    filter: {
      categories: list(params.get('cat')),
      builtFrom,
      builtTo,
      grades: grades.filter((g) => !unknownGrades.includes(g)),
      hazard: choice('hazard', HAZARD_CHOICES),
      status: choice('status', STATUS_CHOICES)
    },
    problems
  };
}

/** The filter as URL parameters (only those that differ from no filter), in a fixed order. */
export function mapFilterParams(filter: MapFilter): [string, string][] {
  const out: [string, string][] = [];
  if (filter.categories.length) out.push(['cat', filter.categories.join(',')]);
  if (filter.builtFrom !== null) out.push(['from', String(filter.builtFrom)]);
  if (filter.builtTo !== null) out.push(['to', String(filter.builtTo)]);
  if (filter.grades.length) out.push(['grade', filter.grades.join(',')]);
  if (filter.hazard !== 'all') out.push(['hazard', filter.hazard]);
  if (filter.status !== 'all') out.push(['status', filter.status]);
  return out;
}

/** Whether the filter lets everything through. */
export function isNoFilter(filter: MapFilter): boolean {
  return mapFilterParams(filter).length === 0;
}

/** Whether a feature passes the filter (the server's side). */
export function matchesFilter(p: MapFeatureProperties, filter: MapFilter): boolean {
  if (filter.categories.length && !filter.categories.includes(p.cat)) return false;
  if (filter.builtFrom !== null && (p.y ?? -1) < filter.builtFrom) return false;
  if (filter.builtTo !== null && (p.y ?? 99_999) > filter.builtTo) return false;
  if (filter.grades.length && !filter.grades.includes(p.g ?? '-')) return false;
  if (filter.hazard === 'in' && p.hz !== 1) return false;
  if (filter.hazard === 'out' && p.hz === 1) return false;
  if (filter.status === 'active' && p.st !== 'active') return false;
  if (filter.status === 'closed' && p.st === 'active') return false;
  return true;
}

/** The same filter as a MapLibre expression (the browser's side), or null for no filter. */
export function filterExpression(filter: MapFilter): unknown[] | null {
  const all: unknown[] = [];
  if (filter.categories.length) all.push(['in', ['get', 'cat'], ['literal', filter.categories]]);
  if (filter.builtFrom !== null) all.push(['>=', ['coalesce', ['get', 'y'], -1], filter.builtFrom]);
  if (filter.builtTo !== null) all.push(['<=', ['coalesce', ['get', 'y'], 99_999], filter.builtTo]);
  if (filter.grades.length)
    all.push(['in', ['coalesce', ['get', 'g'], '-'], ['literal', filter.grades]]);
  if (filter.hazard === 'in') all.push(['==', ['get', 'hz'], 1]);
  if (filter.hazard === 'out') all.push(['!=', ['get', 'hz'], 1]);
  if (filter.status === 'active') all.push(['==', ['get', 'st'], 'active']);
  if (filter.status === 'closed') all.push(['!=', ['get', 'st'], 'active']);
  return all.length ? ['all', ...all] : null;
}
