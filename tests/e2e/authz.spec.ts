/**
 * The authorisation matrix: every route, its reads and every form action or write, for every
 * role and for someone not signed in, against the running server — with the expected answer
 * written out here, apart from the policy table it checks. The routes come from the disk: a new
 * route without a line here fails the test.
 */
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { routesOnDisk } from '../helpers/routes';
import { ROLES, type Role } from '../../src/lib/roles';
import { postLogin, signInOverHttp } from '../../scripts/lib/server-process';

const baseUrl = inject('baseUrl');
const sessions = inject('sessions');
const accounts = inject('accounts');

/** Who may: A admin, E editor, F finance, V viewer; '*' anyone, signed in or not. */
type Who = string;
interface Expect {
  /** A concrete URL of the route (IDS are filled in below). */
  path: string;
  get?: Who;
  /** Form actions (`?/name`), or `POST` for an endpoint's write. */
  post?: Record<string, Who>;
}

const ALL = 'AEFV';
let scenarioId = 0;

const MATRIX: Record<string, Expect> = {
  '/': { path: '/', get: ALL },
  '/login': { path: '/login', get: '*', post: { default: '*' } },
  '/logout': { path: '/logout', post: { POST: '*' } },
  '/lang/[code]': { path: '/lang/en?back=/', get: '*' },
  '/shared/[token]': { path: '/shared/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', get: '*' },
  '/public': { path: '/public', get: '*' },
  '/public/facilities': { path: '/public/facilities', get: '*' },
  '/public/facilities/[code]': { path: '/public/facilities/F0001', get: '*' },
  '/public/facilities/[code]/photo': { path: '/public/facilities/F0001/photo', get: '*' },
  '/facilities/[code]/photo': { path: '/facilities/F0001/photo', get: ALL },
  '/public/map': { path: '/public/map', get: '*' },
  '/public/district': { path: '/public/district?q=志太', get: '*' },
  '/public/compare/[n]': { path: '/public/compare/1', get: '*' },
  '/public/open-data': { path: '/public/open-data', get: '*' },
  '/public/open-data/facilities.csv': { path: '/public/open-data/facilities.csv', get: '*' },
  '/public/consultations': { path: '/public/consultations', get: '*' },
  '/public/consultations/[id]': {
    path: '/public/consultations/1',
    get: '*',
    post: { comment: '*' }
  },
  '/admin/public': { path: '/admin/public', get: 'A', post: { default: 'A' } },
  '/map': { path: '/map', get: ALL },
  '/api/tiles/[layers]/[z]/[x]/[y].pbf': {
    path: '/api/tiles/basemap,buildings/11/1811/809.pbf',
    get: ALL
  },
  '/api/basemap/[z]/[x]/[y]': { path: '/api/basemap/14/14482/6484', get: ALL },
  '/api/map/summary': { path: '/api/map/summary?bbox=138.2,34.8,138.3,34.9', get: ALL },
  '/api/map/search': { path: '/api/map/search?q=F0001', get: ALL },
  '/api/map/area': { path: '/api/map/area', post: { POST: ALL } },
  '/api/map/consolidation': { path: '/api/map/consolidation?within=500', get: ALL },
  '/api/map/catchment': { path: '/api/map/catchment?facility=F0001', get: ALL },
  '/charts/floor-area': { path: '/charts/floor-area', get: ALL },
  '/facilities': { path: '/facilities', get: ALL, post: { classify: 'AE' } },
  '/data': { path: '/data', get: ALL },
  '/facilities/[code]': {
    path: '/facilities/F0001',
    get: ALL,
    post: { inspect: 'AE', importance: 'AE', policy: 'AE', actual: 'AE', photo: 'AE' }
  },
  '/assets/[code]': {
    path: '/assets/F0159-01',
    get: ALL,
    post: { inspect: 'AE', importance: 'AE', actual: 'AE' }
  },
  '/plan': {
    path: '/plan',
    get: ALL,
    post: { create: 'AE', add: 'AE', move: 'AEF', status: 'AE', remove: 'AE', adopt: 'A' }
  },
  '/plan/actual': { path: '/plan/actual', get: ALL, post: { import: 'AE', usage: 'AE' } },
  '/plan/condition': { path: '/plan/condition', get: ALL, post: { adopt: 'A', drop: 'A' } },
  '/plan/targets': { path: '/plan/targets', get: ALL, post: { add: 'A', remove: 'A' } },
  '/plan/candidates': { path: '/plan/candidates', get: ALL },
  '/plan/consultations': { path: '/plan/consultations', get: 'AEF', post: { open: 'A' } },
  '/plan/consultations/[id]': {
    path: '/plan/consultations/1',
    get: 'AEF',
    post: { moderate: 'A', answer: 'AE', close: 'A' }
  },
  '/plan/consultations/[id]/opinions.csv': {
    path: '/plan/consultations/1/opinions.csv',
    get: 'AEF'
  },
  '/plan/consultations/[id]/opinions.xlsx': {
    path: '/plan/consultations/1/opinions.xlsx',
    get: 'AEF'
  },
  '/plan/documents/[id]': { path: '/plan/documents/1', get: 'AEF' },
  '/scenarios/[id]/funding.xlsx': { path: '/scenarios/ID/funding.xlsx', get: ALL },
  '/report': { path: '/report', get: ALL, post: { settings: 'AF', text: 'AE' } },
  '/report/document': { path: '/report/document', get: ALL },
  '/report/tables.xlsx': { path: '/report/tables.xlsx', get: ALL },
  '/export/opendata/facilities.csv': { path: '/export/opendata/facilities.csv', get: ALL },
  '/export/plan-summary.json': { path: '/export/plan-summary.json', get: ALL },
  '/export/plan-summary.csv': { path: '/export/plan-summary.csv', get: ALL },
  '/scenarios': {
    path: '/scenarios',
    get: ALL,
    post: { create: 'AF', copy: 'AF', delete: 'AF' }
  },
  '/scenarios/[id]': {
    path: '/scenarios/ID',
    get: ALL,
    post: { update: 'AF', solve: 'AF', share: 'AF', revoke: 'AF', funding: 'AF' }
  },
  '/scenarios/compare': {
    path: '/scenarios/compare?ids=ID,ID2',
    get: ALL,
    post: { share: 'AF', revoke: 'AF' }
  },
  '/api/scenarios/[id]/progress': { path: '/api/scenarios/ID/progress', get: ALL },
  '/export/assets.csv': { path: '/export/assets.csv?class=bridge', get: 'AEF' },
  '/export/assets.geojson': { path: '/export/assets.geojson?class=bridge', get: 'AEF' },
  '/export/assets.xlsx': { path: '/export/assets.xlsx?class=bridge', get: 'AEF' },
  '/export/projection.csv': { path: '/export/projection.csv?years=5', get: ALL },
  '/export/projection.xlsx': { path: '/export/projection.xlsx?years=5', get: ALL },
  '/import': { path: '/import', get: 'A', post: { population: 'A' } },
  '/api/import': { path: '/api/import', post: { POST: 'A' } },
  '/api/import/inspect': { path: '/api/import/inspect', post: { POST: 'A' } },
  '/admin/users': { path: '/admin/users', get: 'A', post: { create: 'A', update: 'A' } },
  '/admin/audit': { path: '/admin/audit', get: 'A' },
  '/admin/audit.csv': { path: '/admin/audit.csv', get: 'A' }
};

const LETTER: Record<Role, string> = { admin: 'A', editor: 'E', finance: 'F', viewer: 'V' };
const may = (who: Who, role: Role | null) =>
  who === '*' || (role !== null && who.includes(LETTER[role]));

async function request(
  url: string,
  method: 'GET' | 'POST',
  session: string | null
): Promise<{ status: number; location: string | null }> {
  // As a browser posts a form (without `accept: text/html` SvelteKit answers an enhanced form).
  const headers: Record<string, string> = { origin: baseUrl, accept: 'text/html' };
  if (session) headers.cookie = `hozen_session=${session}`;
  let body: URLSearchParams | undefined;
  if (method === 'POST') {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams();
  }
  const response = await fetch(`${baseUrl}${url}`, { method, headers, body, redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}

describe('the authorisation matrix', () => {
  beforeAll(async () => {
    // Two scenarios to read and act on, made by finance through the page.
    const make = async (preset: string) => {
      const response = await fetch(`${baseUrl}/scenarios?/create`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          origin: baseUrl,
          accept: 'text/html',
          cookie: `hozen_session=${sessions.finance}`,
          'content-type': 'application/x-www-form-urlencoded'
        },
        body: new URLSearchParams({ preset })
      });
      const location = response.headers.get('location') ?? '';
      expect(location).toMatch(/^\/scenarios\/\d+$/);
      return Number(location.split('/').at(-1));
    };
    scenarioId = await make('baseline');
    const second = await make('longevity');
    for (const e of Object.values(MATRIX))
      e.path = e.path.replace('ID2', String(second)).replaceAll('ID', String(scenarioId));
  });

  it('has a line for every route on disk', () => {
    expect(routesOnDisk().filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !routesOnDisk().includes(r))).toEqual([]);
  });

  it('answers every role, and someone not signed in, as the matrix says', async () => {
    const wrong: string[] = [];
    for (const [route, e] of Object.entries(MATRIX)) {
      for (const role of [...ROLES, null] as (Role | null)[]) {
        const who = role ?? 'anonymous';
        const checks: { method: 'GET' | 'POST'; url: string; allowed: boolean; api: boolean }[] =
          [];
        if (e.get)
          checks.push({
            method: 'GET',
            url: e.path,
            allowed: may(e.get, role),
            // Pages and downloads send someone not signed in to the login; the API answers 401.
            api: route.startsWith('/api/')
          });
        for (const [action, allowedFor] of Object.entries(e.post ?? {})) {
          // Signing out ends the session: it is tried with a session of its own below.
          if (route === '/logout') continue;
          const sep = e.path.includes('?') ? '&' : '?';
          checks.push({
            method: 'POST',
            url: action === 'POST' || action === 'default' ? e.path : `${e.path}${sep}/${action}`,
            allowed: may(allowedFor, role),
            api: true
          });
        }
        for (const c of checks) {
          const session = role ? sessions[role] : null;
          // The login form is posted with the role's own account (viewer's for anonymous).
          const { status, location } =
            route === '/login'
              ? await loginAnswer(role ?? 'viewer')
              : await request(c.url, c.method, session);
          const toLogin = status === 303 && (location ?? '').startsWith('/login');
          const ok = c.allowed
            ? status !== 401 && status !== 403 && !(toLogin && route !== '/login')
            : role === null
              ? c.method === 'GET' && !c.api
                ? toLogin
                : status === 401
              : status === 403;
          if (!ok)
            wrong.push(
              `${c.method} ${c.url} as ${who}: ${status}${location ? ` → ${location}` : ''} (expected ${c.allowed ? 'allowed' : 'refused'})`
            );
        }
      }
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('signs out: the session ends on the server, for anyone', async () => {
    const session = await signInOverHttp(baseUrl, accounts.viewer);
    expect((await request('/map', 'GET', session)).status).toBe(200);
    const out = await request('/logout', 'POST', session);
    expect(out.status).toBe(303);
    expect(out.location).toBe('/login');
    const after = await request('/map', 'GET', session);
    expect(after.status).toBe(303);
    expect(after.location).toBe('/login?next=%2Fmap');
    expect((await request('/logout', 'POST', null)).status).toBe(303);
  });
});

/** Posts the login form with a role's account: the answer (303 on success). */
async function loginAnswer(role: Role) {
  const response = await postLogin(baseUrl, accounts[role]);
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location') };
}
