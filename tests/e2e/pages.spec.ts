import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('home and floor-area pages', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('home labels the city synthetic and lists every asset class', async () => {
    const page = await browser.newPage();
    await page.goto(baseUrl);
    await expect(page.getByTestId('synthetic-badge').textContent()).resolves.toContain('架空');
    const buildings = await page.getByTestId('total-building').textContent();
    expect(buildings).toMatch(/建物\s*[\d,]{3,}/);
    await saveScreenshot(page, 'home');
    await page.close();
  });

  it('draws the 築年別延床面積 chart with bars, in Japanese and in English', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/charts/floor-area`);
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="floor-area-chart"]')
            ?.getAttribute('data-drawn-bars')
        ) > 0
    );
    const bars = Number(await page.getByTestId('floor-area-chart').getAttribute('data-drawn-bars'));
    expect(bars).toBeGreaterThan(100);
    await expect(page.locator('h1').textContent()).resolves.toBe('築年別延床面積');
    const total = await page.getByTestId('total-floor-area').textContent();
    expect(Number(total!.replace(/[^\d]/g, ''))).toBeGreaterThan(400_000);
    await saveScreenshot(page, 'floor-area-ja');

    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForURL(`${baseUrl}/charts/floor-area`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Floor area by year built');
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="floor-area-chart"]')
            ?.getAttribute('data-drawn-bars')
        ) > 0
    );
    await saveScreenshot(page, 'floor-area-en');
    expect(errors).toEqual([]);
    await page.close();
  });
});
