/**
 * The attacks of the hardening probe, each against the running server: a viewer's heavy export
 * must not stall anyone, bodies are bounded, return paths stay on the site, cookies follow the
 * protocol, a cross-site request changes nothing, an odd upload name is no crash, and no CSV cell
 * runs as a formula. Each test failed before its fix (see the comments).
 */
import http from 'node:http';
import Papa from 'papaparse';
import { describe, expect, inject, it } from 'vitest';
import type { Role } from '../../src/lib/roles';

const baseUrl = inject('baseUrl');
const sessions = inject('sessions');

const as = (role: Role, extra: Record<string, string> = {}) => ({
  cookie: `hozen_session=${sessions[role]}`,
  ...extra
});

/** A POST whose headers declare `headers`, of which only `bytes` are sent: status and time. */
function partialPost(
  path: string,
  headers: Record<string, string>,
  bytes: number
): Promise<{ status: number; ms: number; text: string }> {
  const url = new URL(path, baseUrl);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers },
      (response) => {
        let text = '';
        response.on('data', (c: Buffer) => (text += c.toString()));
        response.on('end', () =>
          resolve({ status: response.statusCode!, ms: performance.now() - started, text })
        );
      }
    );
    request.on('error', reject);
    request.write(Buffer.alloc(bytes, 'a'));
  });
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;

describe('hardening', () => {
  it('answers the sign-in page at once while a heavy export and the budget solver run', async () => {
    // Before the fix the export and the solver ran on the event loop and held every request
    // (the sign-in page included): run against the code before it, p95 here was 7.1 s.
    const created = await fetch(`${baseUrl}/scenarios?/create`, {
      method: 'POST',
      headers: as('finance', { origin: baseUrl, accept: 'application/json' }),
      body: new URLSearchParams({ preset: 'baseline' })
    });
    const { location } = (await created.json()) as { location: string };
    const scenario = /^\/scenarios\/(\d+)$/.exec(location)![1];
    const heavy = fetch(`${baseUrl}/export/projection.xlsx?years=100&budget=1`, {
      headers: as('viewer')
    });
    const solver = fetch(`${baseUrl}/scenarios/${scenario}?/solve`, {
      method: 'POST',
      headers: as('finance', { origin: baseUrl, accept: 'application/json' }),
      body: new URLSearchParams({ year: '2035' })
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Twenty loads, one every 100 ms without waiting for the last: a stall of the event loop
    // delays every load sent during it (sequential loads would see a stall only once).
    const times = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        await new Promise((resolve) => setTimeout(resolve, i * 100));
        const started = performance.now();
        const login = await fetch(`${baseUrl}/login`);
        expect(login.status).toBe(200);
        await login.text();
        return performance.now() - started;
      })
    );
    const [exported, solved] = await Promise.all([heavy, solver]);
    expect(exported.status).toBe(200);
    expect((await exported.arrayBuffer()).byteLength).toBeGreaterThan(10_000);
    expect(solved.status).toBe(200);
    expect(await solved.text()).toContain('budget');
    console.log(
      `sign-in page while an export and the solver ran: p95 ${p95(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms (20 loads)`
    );
    // A generous bound (the machine may be busy); the figure is in the note and the benchmark.
    expect(p95(times)).toBeLessThan(1_000);
  });

  it('bounds every number of an export, and how many computations one user has running', async () => {
    // Before the fix `years=200` was computed (40 s on the event loop) and `0x10` meant 16.
    for (const query of ['years=200', 'years=0', 'budget=0x10', 'budget=1e3', 'start=1800'])
      expect(
        (await fetch(`${baseUrl}/export/projection.csv?${query}`, { headers: as('viewer') }))
          .status,
        query
      ).toBe(400);
    // Three heavy exports at once from one viewer: the third is refused (429), not queued.
    const answers = await Promise.all(
      [2, 3, 4].map((budget) =>
        fetch(`${baseUrl}/export/projection.csv?years=100&budget=${budget}`, {
          headers: as('viewer')
        }).then(async (r) => ({ status: r.status, text: await r.text() }))
      )
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, 200, 429]);
    // Said in the reader's language (no language chosen: Japanese).
    expect(answers.find((a) => a.status === 429)!.text).toContain(
      '実行中の計算がすでに 2 件あります'
    );
  });

  it('refuses a body over its limit before reading it', async () => {
    // Before the fix a 1 GB sign-in post was read whole: the process grew from 259 MB to 2.2 GB.
    const huge = await partialPost(
      '/login',
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(1024 ** 3) },
      64 * 1024
    );
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('larger than 1 MB');
    const chunked = await partialPost(
      '/login',
      { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
      0
    );
    expect(chunked.status).toBe(411);
    const upload = await partialPost(
      '/api/import',
      {
        ...as('admin'),
        'content-type': 'multipart/form-data; boundary=x',
        'content-length': String(300 * 1024 * 1024)
      },
      1024
    );
    expect(upload.status).toBe(413);
    expect(upload.text).toContain('import limit of 200 MB');
  });

  it('sends the browser back only to paths of this site', async () => {
    // Before the fix the first two left the site, and the third answered 500.
    const location = async (path: string, role: Role | null) => {
      const r = await fetch(`${baseUrl}${path}`, {
        redirect: 'manual',
        headers: role ? as(role) : {}
      });
      expect(r.status, path).toBe(303);
      return r.headers.get('location');
    };
    expect(await location('/lang/en?back=/%5Cevil.example', null)).toBe('/');
    expect(await location('/login?next=/%09/evil.example', 'viewer')).toBe('/');
    expect(await location('/login?next=/%0aevil', 'viewer')).toBe('/evil');
    expect(await location('/lang/ja?back=/map%3Fcat%3Dschool', null)).toBe('/map?cat=school');
  });

  it('sets the language cookie without Secure over plain HTTP (a city intranet)', async () => {
    // Before the fix it was Secure, so over http:// the browser never sent it back.
    const r = await fetch(`${baseUrl}/lang/en?back=/`, { redirect: 'manual' });
    const cookie = r.headers.get('set-cookie')!;
    expect(cookie).toContain('lang=en');
    expect(cookie.toLowerCase()).not.toContain('secure');
  });

  it('refuses a request from another site that is not a form (signing someone out)', async () => {
    // Before the fix another site's page could sign its visitors out of Hozen (a POST with no
    // Content-Type passes SvelteKit's check of forms).
    const r = await fetch(`${baseUrl}/logout`, {
      method: 'POST',
      headers: as('editor', { origin: 'http://evil.example' }),
      redirect: 'manual'
    });
    expect(r.status).toBe(403);
    const still = await fetch(`${baseUrl}/scenarios`, {
      headers: as('editor'),
      redirect: 'manual'
    });
    expect(still.status).toBe(200);
  });

  it('takes an upload named "..", and writes no cell of the audit CSV that runs as a formula', async () => {
    // Before the fix an upload named ".." answered 500, and text from an imported file came out
    // raw in audit.csv (here: an asset code, which names the asset's audit entry).
    const header =
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind';
    const post = async (name: string, filename: string) => {
      const form = new FormData();
      form.append(
        'file',
        new Blob([
          `${header}\n"=HYPERLINK(""http://evil.example"")",${name},building,school,1990,100,m2,rc,,,\n`
        ]),
        filename
      );
      form.append('format', 'hozen');
      const r = await fetch(`${baseUrl}/api/import`, {
        method: 'POST',
        headers: as('admin', { origin: baseUrl }),
        body: form
      });
      expect(r.status).toBe(200);
      const lines = (await r.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
      return lines.at(-1) as { type: string; report: { errorCount: number } };
    };
    expect(await post('集会所', '..')).toMatchObject({ type: 'report', report: { errorCount: 0 } });
    expect(await post('集会所（改名）', '../../etc/passwd')).toMatchObject({
      type: 'report',
      report: { errorCount: 0 }
    });
    const csv = await (await fetch(`${baseUrl}/admin/audit.csv`, { headers: as('admin') })).text();
    const cells = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { delimiter: ',' }).data.flat();
    expect(cells).toContain(`'=HYPERLINK("http://evil.example")`);
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});
