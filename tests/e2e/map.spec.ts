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

describe('map → record card', () => {
  it('clicking a building opens a popup whose link opens its facility record card', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/map`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    // A building on screen, and where it is drawn (the map keeps its instance on its container).
    const target = await page.evaluate(() => {
      type Feature = {
        geometry: { coordinates: [number, number] };
        properties: { facility: string };
      };
      const container = document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
        hozenMap: {
          queryRenderedFeatures: (o: { layers: string[] }) => Feature[];
          project: (c: [number, number]) => { x: number; y: number };
        };
      };
      const map = container.hozenMap;
      const feature = map
        .queryRenderedFeatures({ layers: ['buildings'] })
        .find((f) => f.properties.facility);
      if (!feature) return null;
      const point = map.project(feature.geometry.coordinates);
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y, facility: feature.properties.facility };
    });
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.getByTestId('open-card').click();
    await page.getByTestId('card-title').waitFor();
    expect(await page.getByTestId('card-title').textContent()).toContain(target!.facility);
    await saveScreenshot(page, 'map-to-card');
    await browser.close();
  }, 120_000);
});

describe('map colouring and the URL', () => {
  it('colours buildings by grade or category, and restores the view from the URL', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/map`);
    const idle = () =>
      page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    await idle();
    const paint = () =>
      page.evaluate(() => {
        const container = document.querySelector(
          '[data-testid="asset-map"] .map'
        ) as HTMLElement & {
          hozenMap: { getPaintProperty: (layer: string, name: string) => unknown };
        };
        return JSON.stringify(container.hozenMap.getPaintProperty('buildings', 'circle-color'));
      });
    const byAge = await paint();
    await page.getByTestId('colour-by').selectOption('grade');
    await page.waitForFunction(() => window.location.search.includes('color=grade'));
    const byGrade = await paint();
    expect(byGrade).not.toBe(byAge);
    expect(byGrade).toContain('"grade"');
    expect(await page.getByTestId('legend').textContent()).toMatch(/A.*B.*C.*D/);
    await page.getByTestId('layer-toggle-roads').uncheck();
    await page.waitForFunction(() => window.location.search.includes('hide=roads'));

    // The URL alone restores the view: colouring, legend, the hidden layer.
    await page.goto(page.url());
    await idle();
    expect(await page.getByTestId('colour-by').inputValue()).toBe('grade');
    expect(await paint()).toBe(byGrade);
    expect(await page.getByTestId('layer-toggle-roads').isChecked()).toBe(false);
    await page.getByTestId('colour-by').selectOption('category');
    expect(await page.getByTestId('legend').textContent()).toContain('学校教育系施設');
    await saveScreenshot(page, 'map-by-category');
    await browser.close();
  }, 120_000);
});
