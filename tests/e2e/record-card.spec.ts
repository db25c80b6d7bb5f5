import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('the facility record card (施設カルテ)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records an inspection that survives a reload and appears in the history; a stale card is refused', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/facilities/F0012`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('card-title').textContent()).toContain('F0012');
    // The lifecycle chart draws bars for both standards.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="card-lifecycle-chart"]')
            ?.getAttribute('data-drawn-bars')
        ) > 0
    );
    // A second tab opens the same card: it will be out of date after the first saves.
    const stale = await browser.newPage();
    await stale.goto(`${baseUrl}/facilities/F0012`);
    await stale.waitForLoadState('networkidle');

    const first = page.getByTestId('card-asset').first();
    const code = await first.getAttribute('data-code');
    await first.locator('select[name=grade]').selectOption('D');
    await first.locator('input[name=inspector]').fill('e2e-inspector');
    await first.locator('input[name=note]').fill('屋上防水の劣化');
    await first.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.saved') !== null);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByTestId('card-asset').first().getByTestId('card-grade').textContent()
    ).toBe('D');
    const history = await page.getByTestId('card-audit').textContent();
    expect(history).toContain('e2e-inspector');
    expect(history).toContain(`inspect${code}`);
    await saveScreenshot(page, 'record-card');

    const old = stale.getByTestId('card-asset').first();
    await old.locator('select[name=grade]').selectOption('A');
    await old.locator('button[type=submit]').click();
    await stale.getByTestId('inspect-problem').waitFor();
    expect(await stale.getByTestId('inspect-problem').textContent()).toMatch(
      /changed by someone else/
    );
    await page.reload();
    expect(
      await page.getByTestId('card-asset').first().getByTestId('card-grade').textContent()
    ).toBe('D');
    expect(errors).toEqual([]);
    await stale.close();
    await page.close();
  }, 90_000);
});
