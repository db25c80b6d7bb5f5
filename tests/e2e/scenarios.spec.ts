import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import ExcelJS from 'exceljs';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

/** Waits until a chart has drawn from `atLeast` to `atMost` bars, lines or bands. */
const drawn = (
  page: Page,
  testid: string,
  what: 'bars' | 'lines' | 'bands',
  atLeast: number,
  atMost = 1e9
) =>
  page.waitForFunction(
    ([id, attr, lo, hi]) => {
      const n = Number(
        document.querySelector(`[data-testid="${id}"]`)?.getAttribute(`data-drawn-${attr}`)
      );
      return n >= lo && n <= hi;
    },
    [testid, what, atLeast, atMost] as const
  );

describe('scenarios (finance)', () => {
  it('creates a scenario from a preset, runs it, and shows the backlog a budget leaves', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/scenarios`);
    await page.getByTestId('scenario-preset').selectOption('baseline');
    await page.getByTestId('scenario-create').locator('button[type=submit]').click();
    await page.getByTestId('scenario-title').waitFor();
    expect(await page.getByTestId('scenario-title').textContent()).toContain('総務省の方法');
    const bars = () => drawn(page, 'scenario-chart', 'bars', 1);
    await bars();
    expect(await page.getByTestId('headline-total').textContent()).toMatch(/[\d,.]+ 億円/);
    expect(await page.getByTestId('headline-ratio').textContent()).toMatch(/[\d.]+ 倍/);
    expect(await page.getByTestId('headline-backlog').count()).toBe(0);
    await saveScreenshot(page, 'scenario-baseline');
    // By asset class, in million yen: the table follows the chart.
    const firstRow = async () =>
      (await page.getByTestId('scenario-table').locator('tbody tr').first().textContent()) ?? '';
    const inOku = await firstRow();
    await page.getByTestId('scenario-split').selectOption('class');
    await page.getByTestId('scenario-unit').selectOption('million');
    expect(await page.getByTestId('scenario-table-unit').textContent()).toContain('百万円');
    expect(await page.getByTestId('scenario-table').locator('thead').textContent()).toContain(
      '建物'
    );
    expect(await firstRow()).not.toBe(inOku);
    await bars();
    await page.getByTestId('scenario-split').selectOption('use');
    expect(await page.getByTestId('scenario-table').locator('thead').textContent()).toContain(
      '学校教育系施設'
    );
    await page.getByTestId('scenario-split').selectOption('work');
    await page.getByTestId('scenario-unit').selectOption('oku');

    // A flat budget of 50 億円 a year: works wait, and the backlog appears.
    await page.getByTestId('scenario-budget').selectOption('flat');
    await page.getByTestId('scenario-amount').fill('50');
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('headline-backlog').waitFor();
    expect(await page.getByTestId('headline-backlog').textContent()).not.toMatch(/^0\.00/);
    await bars();
    await saveScreenshot(page, 'scenario-budget');

    // The solver: the budget that clears the backlog by 2035 fills the field; saved, it does.
    await page.getByTestId('scenario-solve').locator('input[name=year]').fill('2035');
    await page.getByTestId('scenario-solve').locator('button').click();
    await page.getByTestId('solve-answer').waitFor({ timeout: 60_000 });
    const answer = await page.getByTestId('scenario-amount').inputValue();
    expect(Number(answer)).toBeGreaterThan(50);
    await page.getByTestId('scenario-save').click();
    await page.waitForFunction(
      (a) =>
        (document.querySelector('[data-testid="scenario-amount"]') as HTMLInputElement)?.value ===
          a && document.querySelector('.saved') !== null,
      answer
    );
    const row2035 = await page
      .getByTestId('scenario-table')
      .locator('tbody tr', { hasText: '2035年度' })
      .locator('td')
      .last()
      .textContent();
    expect(row2035).toBe('0.00');
    await page.getByTestId('scenario-amount').fill('50');
    await page.getByTestId('scenario-save').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="headline-gap"]')?.textContent?.match(/^[1-9]/)
    );

    // The cumulative view: the budget line adds up to 50 億円 × 40 years in the last row.
    await page.getByTestId('scenario-view').selectOption('cumulative');
    expect(await page.getByTestId('scenario-table-unit').textContent()).toContain('累計');
    const header = await page.getByTestId('scenario-table').locator('thead th').allTextContents();
    const lastRow = await page
      .getByTestId('scenario-table')
      .locator('tbody tr')
      .last()
      .locator('th, td')
      .allTextContents();
    expect(lastRow[header.indexOf('予算')]).toBe('2,000.00');
    await page.getByTestId('scenario-view').selectOption('annual');

    // The workbook of the same run: its sheets, and the budget sheet's 40 years.
    const id = new URL(page.url()).pathname.split('/').at(-1);
    const xlsx = await page.request.get(`${baseUrl}/export/projection.xlsx?scenario=${id}`);
    expect(xlsx.status()).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await xlsx.body()) as unknown as ArrayBuffer);
    const sheets = workbook.worksheets.map((w) => w.name);
    expect(sheets).toEqual(
      expect.arrayContaining(['工種別', '資産区分別', '予算制約', '主要指標'])
    );
    const budgetSheet = workbook.getWorksheet('予算制約')!;
    expect(budgetSheet.rowCount).toBeGreaterThanOrEqual(41);
    expect(budgetSheet.getRow(2).getCell(2).value).toBe(50e8);

    // Samples of the lives: the run shows its progress, then the P10–P90 bands.
    await page.locator('summary', { hasText: '詳細な条件' }).click();
    await page.getByTestId('scenario-samples').fill('30');
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('run-progress').waitFor({ timeout: 30_000 });
    await page.getByTestId('bands-note').waitFor({ timeout: 120_000 });
    await drawn(page, 'scenario-chart', 'bands', 1);
    expect(await page.getByTestId('headline-samples').textContent()).toBe('30');
    await saveScreenshot(page, 'scenario-bands');

    // A committed work on an asset the city does not have is refused, naming it.
    await page.getByTestId('scenario-committed').fill('NO-SUCH-ASSET 2030');
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('scenario-problem').waitFor();
    expect(await page.getByTestId('scenario-problem').textContent()).toContain(
      '確定した工事：資産コード "NO-SUCH-ASSET" の資産はありません'
    );
    await page.getByTestId('scenario-committed').fill('');
    await page.getByTestId('scenario-samples').fill('0');
    await page.getByTestId('scenario-save').click();
    await page.locator('.saved').waitFor();

    // A bad amount is refused with the field named; nothing changes.
    await page.getByTestId('scenario-amount').fill('-3');
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('scenario-problem').waitFor();
    expect(await page.getByTestId('scenario-problem').textContent()).toContain('amount');
    await page.reload();
    expect(await page.getByTestId('scenario-amount').inputValue()).toBe('50');
    expect(errors).toEqual([]);
    await browser.close();
  }, 120_000);

  it('compares the baseline with life extension: the saving, the charts, and a printable A4 page', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const create = async (preset: string) => {
      await page.goto(`${baseUrl}/scenarios`);
      await page.getByTestId('scenario-preset').selectOption(preset);
      await page.getByTestId('scenario-create').locator('button[type=submit]').click();
      await page.getByTestId('scenario-title').waitFor();
      return Number(new URL(page.url()).pathname.split('/').at(-1));
    };
    const baseline = await create('baseline');
    const longevity = await create('longevity');
    await page.goto(`${baseUrl}/scenarios`);
    // Newest first: tick the two just made (longevity, then baseline), baseline first in the URL.
    await page.goto(`${baseUrl}/scenarios/compare?ids=${baseline},${longevity}`);
    const sentence = await page.getByTestId('compare-sentences').textContent();
    expect(sentence).toMatch(
      /長寿命化は総務省の方法（予算制約なし）に比べて、40年間に必要な工事費が[\d,.]+億円（[\d.]+%）少なくなります。工事そのものが減るための節減です。/
    );
    await drawn(page, 'compare-cost-chart', 'lines', 2, 2);
    // Need, spending and deferral; then the condition and the risk each leaves at the end.
    expect(
      await page.getByTestId('compare-figures').locator('tbody tr th').allTextContents()
    ).toEqual([
      '必要な工事費 (億円)',
      '期間の総額 (億円)',
      '期間内に行わない必要な工事（先送り） (億円)',
      '年平均 (億円)',
      '期末の積み残し (億円)',
      '積み残しの最大 (億円)',
      '現在価値 (億円)',
      '期末に劣化状況C・Dの建物の割合 (%)',
      '期末に健全性Ⅲ・Ⅳの橋梁の割合 (%)',
      '期末に更新時期を過ぎたまま残る資産 (件)',
      'ハザード区域内の避難所で期末に工事待ちの施設 (件)'
    ]);
    // Where and when: five panels (four decades and what waits) per scenario, works drawn.
    const panels = page.getByTestId('works-map').locator('svg');
    expect(await panels.count()).toBe(10);
    const cells = (await panels.evaluateAll((svgs) =>
      svgs.map((svg) => Number(svg.getAttribute('data-cells')))
    )) as number[];
    expect(cells.slice(0, 4).some((n) => n > 0)).toBe(true);
    await drawn(page, 'compare-condition-chart', 'lines', 2, 2);
    expect(await page.getByTestId('condition-table').locator('tbody tr').count()).toBe(10);
    await saveScreenshot(page, 'scenario-compare');

    // A read-only link for council, opened where no one is signed in.
    await page.getByTestId('share-create').click();
    const shared = await page.getByTestId('share-url').first().inputValue();
    expect(shared).toMatch(/\/shared\/[A-Za-z0-9_-]{32}$/);
    const council = await browser.newContext({
      viewport: { width: 1200, height: 1000 },
      storageState: { cookies: [], origins: [] }
    });
    const viewer = await council.newPage();
    await viewer.goto(shared);
    await viewer.getByTestId('shared-banner').waitFor();
    expect(await viewer.getByTestId('compare-sentences').textContent()).toContain('長寿命化');
    // Nothing to change: no form control in the page, no way into the app's other pages.
    expect(
      await viewer.locator('main').locator('form, button, input, select, textarea').count()
    ).toBe(0);
    expect(await viewer.locator('header nav').count()).toBe(0);
    await drawn(viewer, 'compare-cost-chart', 'lines', 2, 2);
    await saveScreenshot(viewer, 'scenario-shared');
    const pdf = await viewer.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);
    // Revoked, the link opens nothing.
    await page.getByTestId('share-revoke').first().click();
    await page.locator('[data-testid="share-link"] s').first().waitFor();
    const gone = await viewer.reload();
    expect(gone!.status()).toBe(404);
    expect(await viewer.locator('body').textContent()).toContain('このリンクは無効です');
    await council.close();

    // The list's checkboxes build the same link.
    await page.goto(`${baseUrl}/scenarios`);
    const boxes = page.getByTestId('compare-choose');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByTestId('compare-form').locator('button').click();
    await page.getByTestId('compare-sentences').waitFor();
    expect(page.url()).toContain('/scenarios/compare?ids=');

    const bad = await page.goto(`${baseUrl}/scenarios/compare?ids=${baseline}`);
    expect(bad!.status()).toBe(400);
    await browser.close();
  }, 120_000);
});
