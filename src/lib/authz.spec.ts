import { describe, expect, it } from 'vitest';
import { routesOnDisk } from '../../tests/helpers/routes';
import { actionName, decide, ROUTE_POLICIES } from './authz';

describe('the access policy', () => {
  it('covers every route on disk, and names no route that does not exist', () => {
    const routes = routesOnDisk().sort();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((r) => !(r in ROUTE_POLICIES))).toEqual([]);
    expect(Object.keys(ROUTE_POLICIES).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('lets an administrator do everything, and nobody else what their role does not allow', () => {
    expect(decide('/admin/users', 'GET', null, 'admin')).toBe('allow');
    expect(decide('/admin/users', 'GET', null, 'finance')).toBe('forbidden');
    expect(decide('/admin/users', 'GET', null, null)).toBe('sign-in');
    expect(decide('/scenarios/[id]', 'POST', 'update', 'finance')).toBe('allow');
    expect(decide('/scenarios/[id]', 'POST', 'update', 'editor')).toBe('forbidden');
    expect(decide('/scenarios/[id]', 'GET', null, 'viewer')).toBe('allow');
    expect(decide('/facilities/[code]', 'POST', 'inspect', 'editor')).toBe('allow');
    expect(decide('/facilities/[code]', 'POST', 'inspect', 'viewer')).toBe('forbidden');
    expect(decide('/facilities/[code]', 'POST', 'nosuch', 'admin')).toBe('unknown-action');
    expect(decide('/shared/[token]', 'GET', null, null)).toBe('allow');
    expect(decide('/map', 'POST', null, 'admin')).toBe('allow');
    expect(decide('/map', 'POST', null, 'viewer')).toBe('forbidden');
    expect(decide('/not-a-route', 'GET', null, 'admin')).toBe('unknown-route');
    expect(decide(null, 'GET', null, null)).toBe('allow');
  });

  it('reads the form action from the query', () => {
    expect(actionName(new URL('http://x/scenarios/1?/update'))).toBe('update');
    expect(actionName(new URL('http://x/scenarios/compare?ids=1,2&/share'))).toBe('share');
    expect(actionName(new URL('http://x/login'))).toBeNull();
  });
});
