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

    // A flat budget of 50 億円 a year: works wait, and the backlog appears.
    await page.getByTestId('scenario-budget').selectOption('flat');
    await page.getByTestId('scenario-amount').fill('50');
    await page.getByTestId('scenario-save').click();
    await page.getByTestId('headline-backlog').waitFor();
    expect(await page.getByTestId('headline-backlog').textContent()).not.toMatch(/^0\.00/);
    await bars();
    await saveScreenshot(page, 'scenario-budget');

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
});
