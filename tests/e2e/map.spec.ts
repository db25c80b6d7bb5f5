import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('map page', () => {
  let browser: Browser;
  let page: Page;
  const offsite: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:'))
        offsite.push(url);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${baseUrl}/map`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
  });

  afterAll(async () => {
    await browser?.close();
  });

  const rendered = async (layer: string) =>
    Number(await page.locator(`[data-testid="rendered-${layer}"]`).textContent());

  it('reaches idle with buildings, roads and bridges rendered', async () => {
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="asset-map"]')
            ?.getAttribute('data-rendered-features')
        ) > 0,
      undefined,
      { timeout: 60_000 }
    );
    expect(await rendered('buildings')).toBeGreaterThan(100);
    expect(await rendered('roads')).toBeGreaterThan(1000);
    expect(await rendered('bridges')).toBeGreaterThan(50);
    await saveScreenshot(page, 'map-city');
  });

  it('shows the pipes when their layers are switched on', async () => {
    await page.getByTestId('layer-toggle-water_pipes').check();
    await page.getByTestId('layer-toggle-sewer_pipes').check();
    await page.waitForFunction(
      () => Number(document.querySelector('[data-testid="rendered-sewer_pipes"]')?.textContent) > 0,
      undefined,
      { timeout: 60_000 }
    );
    expect(await rendered('water_pipes')).toBeGreaterThan(1000);
    expect(await rendered('sewer_pipes')).toBeGreaterThan(1000);
    await saveScreenshot(page, 'map-pipes');
  });

  it('needs no network beyond the Hozen server and throws no errors', () => {
    expect(offsite).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
