/**
 * Who may do what, per route: one table, checked in the server hook before any load, action or
 * endpoint runs — never only by hiding buttons. A route missing from the table answers 500 (and a
 * test lists the routes on disk against it), so a new route cannot be forgotten.
 *
 * - `read`: GET and HEAD (pages, exports, map data); `write`: any other method, or per form action
 *   (`?/name`). `'public'` needs no account; a list names the roles allowed. An administrator may
 *   do everything.
 * - Roles: admin (users, imports, backups, standards, adopting the plan), editor (facilities
 *   staff: assets, inspections, policies, the plan's actions, works done), finance (scenarios,
 *   budgets, moving planned actions between years), viewer (council: reads maps,
 *   projections and comparisons).
 */
import type { Role } from './roles';

type Allowed = 'public' | readonly Role[];

export interface RoutePolicy {
  read: Allowed;
  write?: Allowed | Readonly<Record<string, Allowed>>;
}

const ALL: readonly Role[] = ['admin', 'editor', 'finance', 'viewer'];
const STAFF: readonly Role[] = ['admin', 'editor', 'finance'];
const EDITOR: readonly Role[] = ['admin', 'editor'];
const FINANCE: readonly Role[] = ['admin', 'finance'];
const ADMIN: readonly Role[] = ['admin'];

/** The policy of every route, by SvelteKit route id. */
export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  '/': { read: ALL },
  '/login': { read: 'public', write: { default: 'public' } },
  '/logout': { read: 'public', write: 'public' },
  '/lang/[code]': { read: 'public' },
  '/shared/[token]': { read: 'public' },
  '/map': { read: ALL },
  '/api/tiles/[layers]/[z]/[x]/[y].pbf': { read: ALL },
  '/api/basemap/[z]/[x]/[y]': { read: ALL },
  '/api/map/summary': { read: ALL },
  '/api/map/search': { read: ALL },
  '/api/map/area': { read: ALL, write: ALL },
  '/api/map/consolidation': { read: ALL },
  '/api/map/catchment': { read: ALL },
  '/charts/floor-area': { read: ALL },
  '/facilities': { read: ALL, write: { classify: EDITOR } },
  '/data': { read: ALL },
  '/facilities/[code]': {
    read: ALL,
    write: { inspect: EDITOR, importance: EDITOR, policy: EDITOR, actual: EDITOR, photo: EDITOR }
  },
  '/facilities/[code]/photo': { read: ALL },
  '/assets/[code]': { read: ALL, write: { inspect: EDITOR, importance: EDITOR, actual: EDITOR } },
  // The plan: facilities staff plan and record; finance moves actions between budgeted years;
  // an administrator adopts a version.
  '/plan': {
    read: ALL,
    write: {
      create: EDITOR,
      add: EDITOR,
      move: ['admin', 'editor', 'finance'],
      status: EDITOR,
      remove: EDITOR,
      adopt: ADMIN
    }
  },
  '/plan/actual': { read: ALL, write: { import: EDITOR, usage: EDITOR } },
  '/plan/condition': { read: ALL, write: { adopt: ADMIN, drop: ADMIN } },
  '/plan/targets': { read: ALL, write: { add: ADMIN, remove: ADMIN } },
  '/plan/candidates': { read: ALL },
  // Public comment: an administrator opens a consultation and moderates; facilities staff answer.
  '/plan/consultations': { read: STAFF, write: { open: ADMIN } },
  '/plan/consultations/[id]': {
    read: STAFF,
    write: { moderate: ADMIN, answer: EDITOR, close: ADMIN }
  },
  '/plan/consultations/[id]/opinions.csv': { read: STAFF },
  '/plan/consultations/[id]/opinions.xlsx': { read: STAFF },
  '/plan/documents/[id]': { read: STAFF },
  '/scenarios': { read: ALL, write: { create: FINANCE, copy: FINANCE, delete: FINANCE } },
  '/scenarios/[id]': {
    read: ALL,
    write: { update: FINANCE, solve: FINANCE, share: FINANCE, revoke: FINANCE, funding: FINANCE }
  },
  '/scenarios/compare': { read: ALL, write: { share: FINANCE, revoke: FINANCE } },
  '/api/scenarios/[id]/progress': { read: ALL },
  '/scenarios/[id]/funding.xlsx': { read: ALL },
  // The plan report: finance sets its figures (funding, the 類似団体平均 …), planning staff its text.
  '/report': { read: ALL, write: { settings: FINANCE, text: EDITOR } },
  '/report/document': { read: ALL },
  '/report/tables.xlsx': { read: ALL },
  '/export/opendata/facilities.csv': { read: ALL },
  '/export/plan-summary.json': { read: ALL },
  '/export/plan-summary.csv': { read: ALL },
  '/export/assets.csv': { read: STAFF },
  '/export/assets.geojson': { read: STAFF },
  '/export/assets.xlsx': { read: STAFF },
  '/export/projection.csv': { read: ALL },
  '/export/projection.xlsx': { read: ALL },
  '/import': { read: ADMIN, write: { population: ADMIN } },
  '/api/import': { read: ADMIN, write: ADMIN },
  '/api/import/inspect': { read: ADMIN, write: ADMIN },
  '/admin/users': { read: ADMIN, write: ADMIN },
  '/admin/public': { read: ADMIN, write: ADMIN },
  // The public portal: anyone, signed in or not (the hook answers 404 while it is off).
  '/public': { read: 'public' },
  '/public/facilities': { read: 'public' },
  '/public/facilities/[code]': { read: 'public' },
  '/public/facilities/[code]/photo': { read: 'public' },
  '/public/map': { read: 'public' },
  '/public/district': { read: 'public' },
  '/public/compare/[n]': { read: 'public' },
  '/public/open-data': { read: 'public' },
  '/public/open-data/facilities.csv': { read: 'public' },
  '/public/consultations': { read: 'public' },
  '/public/consultations/[id]': { read: 'public', write: { comment: 'public' } },
  '/admin/audit': { read: ADMIN },
  '/admin/audit.csv': { read: ADMIN }
};

export type Decision = 'allow' | 'sign-in' | 'forbidden' | 'unknown-route' | 'unknown-action';

/**
 * Whether `role` (null: not signed in) may make this request: the route's id, the method, and
 * for a form action its name (`default` for a form posted without one).
 */
export function decide(
  routeId: string | null,
  method: string,
  action: string | null,
  role: Role | null
): Decision {
  if (routeId === null) return 'allow'; // no route: SvelteKit answers 404 itself
  const policy = ROUTE_POLICIES[routeId];
  if (!policy) return 'unknown-route';
  const reading = method === 'GET' || method === 'HEAD';
  let allowed: Allowed | undefined;
  if (reading) allowed = policy.read;
  else if (policy.write === undefined) allowed = undefined;
  else if (policy.write === 'public' || Array.isArray(policy.write))
    allowed = policy.write as Allowed;
  else {
    allowed = (policy.write as Record<string, Allowed>)[action ?? 'default'];
    if (allowed === undefined) return role === null ? 'sign-in' : 'unknown-action';
  }
  if (allowed === 'public' || role === 'admin') return 'allow';
  if (role === null) return 'sign-in';
  return allowed?.includes(role) ? 'allow' : 'forbidden';
}

/** The form action a request names (`?/name`), or null. */
export function actionName(url: URL): string | null {
  for (const key of url.searchParams.keys()) if (key.startsWith('/')) return key.slice(1);
  return null;
}

/** Whether the signed-in role may post this form action on this route (to offer it at all). */
export const mayPost = (routeId: string | null, action: string, role: Role | null | undefined) =>
  decide(routeId, 'POST', action, role ?? null) === 'allow';
