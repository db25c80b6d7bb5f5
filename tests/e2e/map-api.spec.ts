/** The map's HTTP API given bad input: a clear status and message naming what and where. */
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');
/** The map is read by every role: these requests are a council member's. */
const viewer = { cookie: `hozen_session=${inject('sessions').viewer}` };

async function answer(path: string, init?: RequestInit) {
  const response = await fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { ...(init?.headers as Record<string, string> | undefined), ...viewer }
  });
  const body = await response.text();
  // Errors come as JSON ({ message }); the message is what a user reads.
  let text = body;
  try {
    text = (JSON.parse(body) as { message?: string }).message ?? body;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, text };
}

describe('the map API', () => {
  it('serves tiles, and refuses unknown layers and tiles that do not exist', async () => {
    const ok = await fetch(`${baseUrl}/api/tiles/basemap,buildings/11/1811/809.pbf`, {
      headers: viewer
    });
    expect([200, 204]).toContain(ok.status);
    let r = await answer('/api/tiles/buildings,parks/11/1811/809.pbf');
    expect(r.status).toBe(404);
    expect(r.text).toContain('unknown "parks"');
    r = await answer('/api/tiles/buildings,buildings/11/1811/809.pbf');
    expect(r.status).toBe(404);
    expect(r.text).toContain('one named twice');
    r = await answer('/api/tiles/buildings/3/9/0.pbf');
    expect(r.status).toBe(400);
    expect(r.text).toContain('tile 3/9/0 does not exist');
    r = await answer('/api/tiles/buildings/11/1811/809.pbf?grade=Z&from=old');
    expect(r.status).toBe(400);
    expect(r.text).toContain('URL parameter "grade": "Z"');
    expect(r.text).toContain('URL parameter "from": "old"');
    r = await answer('/api/tiles/buildings/11/1811/809.pbf?std=nonesuch');
    expect(r.status).toBe(404);
    expect(r.text).toContain('unknown standard "nonesuch"');
  });

  it('answers the totals of a view, and refuses a view that is not one', async () => {
    const ok = await fetch(`${baseUrl}/api/map/summary?bbox=138.2,34.8,138.3,34.9&cat=school`, {
      headers: viewer
    });
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { layers: Record<string, { count: number }> };
    expect(body.layers.buildings!.count).toBeGreaterThan(0);
    let r = await answer('/api/map/summary');
    expect(r.status).toBe(400);
    expect(r.text).toContain('"bbox" is missing');
    r = await answer('/api/map/summary?bbox=138.3,34.8,138.2,34.9');
    expect(r.status).toBe(400);
    expect(r.text).toContain('is not west,south,east,north');
    r = await answer('/api/map/summary?bbox=138.2,34.8,138.3,34.9&layers=buildings,towers');
    expect(r.status).toBe(400);
    expect(r.text).toContain('"towers" unknown');
  });

  it('refuses a drawn area that is not a closed polygon or a reach', async () => {
    const post = (body: string) =>
      answer('/api/map/area', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body
      });
    let r = await post('{"polygon": [[[138.2,34.8],[138.3,34.8],[138.3,34.9],[138.2,34.9]]]}');
    expect(r.status).toBe(400);
    expect(r.text).toContain('polygon ring 0: the last position must repeat the first');
    r = await post('not json');
    expect(r.status).toBe(400);
    expect(r.text).toContain('the request body is not JSON');
    r = await post('{"centre": [138.25, 34.86], "metres": -5}');
    expect(r.status).toBe(400);
    r = await post('{"centre": [138.25, 34.86], "metres": 500}');
    expect(r.status).toBe(200);
  });

  it('refuses a bad distance for consolidation and an overlong search', async () => {
    let r = await answer('/api/map/consolidation?metres=-1');
    expect(r.status).toBe(400);
    expect(r.text).toContain('"metres": "-1" is not a distance');
    r = await answer(`/api/map/search?q=${'x'.repeat(101)}`);
    expect(r.status).toBe(400);
    expect(r.text).toContain('101 characters long');
  });

  it('serves the local basemap configured with HOZEN_MBTILES', async () => {
    const ok = await fetch(`${baseUrl}/api/basemap/14/14482/6484`, { headers: viewer });
    expect([200, 204]).toContain(ok.status);
    const r = await answer('/api/basemap/2/9/9');
    expect(r.status).toBe(400);
  });
});
