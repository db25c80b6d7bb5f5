import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

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
    const bars = () =>
      page.waitForFunction(
        () =>
          Number(
            document
              .querySelector('[data-testid="scenario-chart"]')
              ?.getAttribute('data-drawn-bars')
          ) > 0
      );
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
      /長寿命化は総務省の方法（予算制約なし）に比べて40年間で[\d,.]+億円（[\d.]+%）少なくなります/
    );
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="compare-cost-chart"]')
            ?.getAttribute('data-drawn-lines')
        ) === 2
    );
    expect(await page.getByTestId('compare-figures').locator('tbody tr').count()).toBe(5);
    await saveScreenshot(page, 'scenario-compare');
    // Nothing to edit on the council's page.
    expect(await page.locator('main').locator('form, button, input, select').count()).toBe(0);
    const pdf = await page.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThan(0);

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
