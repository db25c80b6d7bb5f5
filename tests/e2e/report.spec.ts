/**
 * The plan report as its readers get it: the page (council reads, finance sets the figures,
 * planning staff the text), the PDF `npm run report` prints — read back with pdftotext, its
 * headings all there and its headline figures those of the scenario pages — and the open data.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';
import { SECTION_HEADINGS } from '../../src/lib/report/report-sections';
import { OPEN_DATA_FACILITY_COLUMNS } from '../../src/lib/io/open-data';

const baseUrl = inject('baseUrl');
const dbFile = inject('dbFile');

/** A scenario page's headline figures (40-year total and annual average), as shown. */
async function headline(page: import('playwright-core').Page, id: number) {
  await page.goto(`${baseUrl}/scenarios/${id}`);
  await page.getByTestId('headline-total').waitFor({ timeout: 90_000 });
  const total = (await page.getByTestId('headline-total').textContent())!.trim();
  const average = (await page.getByTestId('headline-average').textContent())!.trim();
  // "5,390.19 億円" → "5,390.19"
  return { total: total.split(' ')[0]!, average: average.split(' ')[0]! };
}

describe('the plan report', () => {
  it('council reads it; finance sets the similar cities’ average; planning staff the text', async () => {
    const browser = await launchBrowser('viewer');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/report`);
    const doc = page.getByTestId('report-document');
    await doc.waitFor({ timeout: 120_000 });
    for (const h of Object.values(SECTION_HEADINGS))
      expect(await doc.locator('h2', { hasText: h.ja }).count()).toBe(1);
    expect(await page.locator('form[action="?/settings"]').count()).toBe(0);
    expect(await page.locator('form[action="?/text"]').count()).toBe(0);
    await saveScreenshot(page, 'report-viewer-ja');
    await page.goto(`${baseUrl}/lang/en?back=/report`);
    await doc.waitFor();
    expect(await doc.locator('h2', { hasText: SECTION_HEADINGS.costs.en }).count()).toBe(1);
    await saveScreenshot(page, 'report-viewer-en');
    await browser.close();

    const finance = await launchBrowser('finance');
    const fp = await finance.newPage({ viewport: { width: 1280, height: 900 } });
    await fp.goto(`${baseUrl}/lang/ja?back=/report`);
    // Hydrated first: a value typed before would be reset by the page taking over its form.
    await fp.waitForLoadState('networkidle');
    const settings = fp.locator('form[action="?/settings"]');
    await settings.locator('input[name=similar]').fill('61.3');
    await settings.locator('button[type=submit]').click();
    await fp.getByRole('status').waitFor();
    await fp.reload();
    expect(await fp.getByTestId('report-document').textContent()).toContain('類似団体平均：61.3%');
    expect(await fp.locator('form[action="?/text"]').count()).toBe(0);
    await saveScreenshot(fp, 'report-finance-ja');
    await finance.close();

    const editor = await launchBrowser('editor');
    const ep = await editor.newPage({ viewport: { width: 1280, height: 900 } });
    await ep.goto(`${baseUrl}/lang/ja?back=/report`);
    await ep.waitForLoadState('networkidle');
    const form = ep.locator('form[action="?/text"]').first();
    await form.locator('textarea').fill('本市の建物は{{floorArea}}㎡、<b>太字にならない</b>。');
    await form.locator('button[type=submit]').click();
    await ep.getByRole('status').waitFor();
    await ep.reload();
    const first = ep.getByTestId('report-document').locator('section p').first();
    expect(await first.textContent()).toMatch(/^本市の建物は[\d,]+㎡、<b>太字にならない<\/b>。$/);
    expect(await ep.getByTestId('report-document').locator('b').count()).toBe(0);
    // Back to Hozen's wording.
    await ep.locator('form[action="?/text"]').first().locator('textarea').fill('');
    await ep.locator('form[action="?/text"]').first().locator('button[type=submit]').click();
    await ep.getByRole('status').waitFor();
    await editor.close();
  });

  it('npm run report prints a PDF with every heading and the scenario pages’ figures', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-report-'));
    try {
      const browser = await launchBrowser('viewer');
      const page = await browser.newPage();
      // The demo's first scenarios: 1 the national method, 2 life extension.
      const [reference, longevity] = [await headline(page, 1), await headline(page, 2)];
      await browser.close();

      const pdf = path.join(dir, 'plan.pdf');
      execFileSync(
        process.execPath,
        ['scripts/run.mjs', 'report', '--scenario', '2', '--out', pdf],
        {
          env: { ...process.env, HOZEN_DB: dbFile },
          stdio: 'pipe',
          timeout: 110_000
        }
      );
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
      // pdftotext breaks lines where the page does: join them to find a heading or a sentence.
      const flat = text.replace(/\s+/g, '');
      for (const h of Object.values(SECTION_HEADINGS))
        expect(flat, h.ja).toContain(h.ja.replace(/\s+/g, ''));
      expect(flat).toContain(`${reference.total}億円（年平均${reference.average}億円）`);
      expect(flat).toContain(`${longevity.total}億円（年平均${longevity.average}億円）`);
      expect(flat).toMatch(/表2-2有形固定資産減価償却率の推移/);
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))![1]
      );
      expect(pages).toBeGreaterThanOrEqual(6);
      // Its first page as an image, kept with the screenshots to look at.
      execFileSync('pdftoppm', [
        '-r',
        '60',
        '-png',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        path.join('test-results', 'e2e', 'report-pdf')
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('publishes the facilities in the standard’s columns and every table in one workbook', async () => {
    const browser = await launchBrowser('viewer');
    const context = await browser.newContext();
    const csv = await context.request.get(`${baseUrl}/export/opendata/facilities.csv`);
    expect(csv.status()).toBe(200);
    const body = await csv.text();
    expect(body.charCodeAt(0)).toBe(0xfeff);
    expect(body.slice(1).split('\r\n')[0]).toBe(OPEN_DATA_FACILITY_COLUMNS.join(','));
    expect(body).toContain('施設分類：学校教育系施設');
    const xlsx = await context.request.get(`${baseUrl}/report/tables.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    const summary = (await (
      await context.request.get(`${baseUrl}/export/plan-summary.json`)
    ).json()) as {
      figures: { key: string; value: unknown }[];
    };
    expect(summary.figures.map((f) => f.key)).toContain('effect_yen');
    await browser.close();
  });
});
