/**
 * Attack strings in text fields: stored as text, shown as text, nothing executed; SQL in a search
 * is a search; a very long string is refused with the field named and nothing changed.
 */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, renderedFeature } from './browser';
import { CITY_CENTER } from '../../src/lib/demo-city/demo-city-land';

const baseUrl = inject('baseUrl');
const sessions = inject('sessions');

const HTML = `<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>`;
const SQL = `'; DROP TABLE scenarios; --`;
const CONTROL = 'bell\u0007tab\tend';

describe('text from users', () => {
  it('stays text in scenario names, inspection notes and the audit log', async () => {
    const browser = await launchBrowser('admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(`${baseUrl}/scenarios`);
    await page.getByTestId('scenario-preset').selectOption('baseline');
    await page.getByTestId('scenario-create').locator('button[type=submit]').click();
    await page.getByTestId('scenario-title').waitFor();
    // Typed once the page is live: a field filled before hydration is reset to the saved name.
    await page.waitForLoadState('networkidle');
    const name = `${HTML} ${SQL} ${CONTROL}`;
    await page.getByTestId('scenario-edit').locator('input[name=name]').fill(name);
    await page.getByTestId('scenario-save').click();
    await page.locator('.saved').waitFor();
    await page.reload();
    await page.getByTestId('scenario-chart').waitFor();
    // Shown exactly as typed (the control character too), and nothing ran.
    expect(await page.getByTestId('scenario-title').textContent()).toBe(name);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img[src="x"], main script').count()).toBe(0);
    // The list still lists every scenario: no table was dropped.
    await page.goto(`${baseUrl}/scenarios`);
    expect(await page.getByTestId('scenario-list').textContent()).toContain(SQL);

    // A name of 100,000 characters is refused, naming the field; the name stays.
    await page.goBack();
    await page.getByTestId('scenario-chart').waitFor();
    await page.getByTestId('scenario-edit').locator('input[name=name]').fill('長'.repeat(100_000));
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('scenario-problem').waitFor();
    expect(await page.getByTestId('scenario-problem').textContent()).toContain('名称：1〜200 文字');
    await page.reload();
    expect(await page.getByTestId('scenario-title').textContent()).toBe(name);

    // An inspection note: the card's history and the audit log show it as text.
    await page.goto(`${baseUrl}/facilities/F0020`);
    await page.waitForLoadState('networkidle'); // hydrated: nothing typed is reset
    const asset = page.getByTestId('card-asset').first();
    await asset.locator('select[name=grade]').selectOption('C');
    await asset.locator('input[name=note]').fill(HTML);
    await asset.getByTestId('inspect-form').locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.saved') !== null);
    await page.reload();
    expect(await page.locator('main').textContent()).toContain(HTML);
    await page.goto(`${baseUrl}/admin/audit?text=${encodeURIComponent('__pwned')}`);
    const total = (await page.getByTestId('audit-total').textContent()) ?? '';
    expect(Number(/\d+/.exec(total)![0])).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('audit-table').textContent()).toContain('onerror');
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    // SQL in the audit log's text filter is text to find.
    const filtered = await page.goto(
      `${baseUrl}/admin/audit?text=${encodeURIComponent("'; DROP TABLE audit_log; --")}`
    );
    expect(filtered!.status()).toBe(200);
    await page.goto(`${baseUrl}/admin/audit?text=${encodeURIComponent('__pwned')}`);
    expect(await page.getByTestId('audit-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(dialogs).toEqual([]);
    await browser.close();
  }, 120_000);

  it('treats SQL in a search as text to find', async () => {
    const cookie = { cookie: `hozen_session=${sessions.viewer}` };
    const search = await fetch(
      `${baseUrl}/api/map/search?q=${encodeURIComponent("'; DROP TABLE assets; --")}`,
      { headers: cookie }
    );
    expect(search.status).toBe(200);
    expect(await search.json()).toEqual({ hits: [] });
    const summary = await fetch(`${baseUrl}/api/map/summary?bbox=138,34,139,35`, {
      headers: cookie
    });
    expect(summary.status).toBe(200);
    expect(JSON.stringify(await summary.json())).toMatch(/"count":[1-9]/);
  });

  it('stays text from an imported file to the map popup and the record card', async () => {
    // A register row whose name is markup, imported through the web import as an administrator.
    const { lon, lat } = CITY_CENTER;
    const name = `<img src=x onerror="window.__pwned=3">北校舎`;
    const csv = [
      'code,name,class,category,year_built,quantity,unit,structure,material,diameter_mm,pipe_kind,lon,lat',
      `XSS1,"${name.replaceAll('"', '""')}",building,school,1980,500,m2,rc,,,,${lon + 0.0004},${lat + 0.0004}`
    ].join('\n');
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'attack.csv');
    form.append('format', 'hozen');
    const imported = await fetch(`${baseUrl}/api/import`, {
      method: 'POST',
      headers: { cookie: `hozen_session=${sessions.admin}`, origin: baseUrl },
      body: form
    });
    const lines = (await imported.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.at(-1)).toMatchObject({ type: 'report', report: { created: 1, written: true } });

    const browser = await launchBrowser('viewer');
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/map?v=18/${lat + 0.0004}/${lon + 0.0004}`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    const target = await renderedFeature(page, 'buildings', 'code', 'XSS1');
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    const popup = page.locator('.maplibregl-popup');
    await popup.waitFor();
    expect(await popup.textContent()).toContain(name);
    expect(await popup.locator('img').count()).toBe(0);
    await page.goto(`${baseUrl}/assets/XSS1`);
    await page.getByTestId('card-title').waitFor();
    expect(await page.locator('main').textContent()).toContain(name);
    expect(await page.locator('main img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
    await browser.close();
  }, 120_000);
});
