import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, renderedFeature, saveScreenshot } from './browser';

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
    const target = await renderedFeature(page, 'buildings', 'f');
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.getByTestId('open-card').click();
    await page.getByTestId('card-title').waitFor();
    expect(await page.getByTestId('card-title').textContent()).toContain(target!.properties.f!);
    await saveScreenshot(page, 'map-to-card');
    await browser.close();
  }, 120_000);

  it('a facility’s popup outlines its catchment and counts the people in it', async () => {
    const browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await page.goto(`${baseUrl}/lang/ja?back=/map`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    const target = await renderedFeature(page, 'buildings', 'f');
    await page.mouse.click(target!.x, target!.y);
    await page.getByTestId('served-catchment').click();
    const label = page.getByTestId('area-label');
    await label.waitFor();
    // 「利用圏 半径 1.5 km・全年齢：2020年 1,234 → 2035年 … → 2050年 …人」
    expect(await label.textContent()).toMatch(
      /^利用圏 半径 \d\.\d km・.+：2020年 [\d,]+ → 2035年 [\d,]+ → 2050年 [\d,]+人$/
    );
    await page.getByTestId('area-result').waitFor();
    await saveScreenshot(page, 'map-catchment');
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
    expect(byGrade).toContain('["get","g"]');
    expect(await page.getByTestId('legend').textContent()).toMatch(/A.*B.*C.*D/);
    await page.getByTestId('layer-toggle-roads').uncheck();
    await page.waitForFunction(() =>
      (new URLSearchParams(window.location.search).get('hide') ?? '').split(',').includes('roads')
    );

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

/** The map of a page, as the tests reach it (the component keeps it on its container). */
type TestMap = {
  queryRenderedFeatures: (
    o?: { layers: string[] } | [[number, number], [number, number]],
    p?: { layers: string[] }
  ) => { geometry: { coordinates: [number, number] }; properties: Record<string, unknown> }[];
  project: (c: [number, number]) => { x: number; y: number };
  unproject: (p: [number, number]) => { lng: number; lat: number };
  getCenter: () => { lng: number; lat: number };
  getZoom: () => number;
};

async function openMap(path = '/map') {
  const browser = await launchBrowser();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const requests: { url: string; status: number }[] = [];
  page.on('response', (r) => requests.push({ url: r.url(), status: r.status() }));
  await page.goto(`${baseUrl}${path}`);
  await idle(page);
  return { browser, page, requests };
}

const idle = (page: Page) =>
  page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });

/** Waits until the map has settled after a change (loading, then idle again). */
async function settled(page: Page) {
  await page.waitForTimeout(300);
  await idle(page);
}

describe('map filters, totals and search', () => {
  it('a filter changes the rendered features and the totals of the view', async () => {
    const { browser, page } = await openMap();
    const count = async (layer: string) =>
      Number(await page.getByTestId(`rendered-${layer}`).textContent());
    const summaryCount = async (layer: string) =>
      Number((await page.getByTestId(`summary-count-${layer}`).textContent())!.replace(/,/g, ''));
    await page.getByTestId('summary-count-buildings').waitFor();
    const allBuildings = await count('buildings');
    const allRoads = await count('roads');
    const allInView = await summaryCount('buildings');
    expect(allBuildings).toBeGreaterThan(100);

    await page.getByTestId('filter-category').selectOption('school');
    await page.waitForFunction(() => window.location.search.includes('cat=school'));
    await settled(page);
    await page.waitForFunction(
      (before) =>
        Number(
          document
            .querySelector('[data-testid="summary-count-buildings"]')
            ?.textContent?.replace(/,/g, '')
        ) < before,
      allInView,
      { timeout: 30_000 }
    );
    const schools = await count('buildings');
    expect(schools).toBeGreaterThan(0);
    expect(schools).toBeLessThan(allBuildings);
    // Every building drawn is a school; roads have no school category, so none is drawn.
    const categories = await page.evaluate(() => {
      const map = (
        document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
          hozenMap: TestMap;
        }
      ).hozenMap;
      return [
        ...new Set(
          map.queryRenderedFeatures({ layers: ['buildings'] }).map((f) => f.properties.cat)
        )
      ];
    });
    expect(categories).toEqual(['school']);
    expect(await count('roads')).toBe(0);
    expect(await summaryCount('buildings')).toBeLessThan(allInView);
    await saveScreenshot(page, 'map-filter-schools');

    await page.getByTestId('filter-clear').click();
    await settled(page);
    await page.waitForFunction(
      (before) =>
        Number(document.querySelector('[data-testid="rendered-roads"]')?.textContent) === before,
      allRoads,
      { timeout: 30_000 }
    );
    expect(await count('buildings')).toBe(allBuildings);
    await browser.close();
  }, 180_000);

  it('search finds an asset by code and flies to it', async () => {
    const { browser, page } = await openMap();
    await page.getByTestId('map-search').fill('F0012-01');
    const hit = page.getByTestId('search-hits').getByRole('button').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain('F0012-01');
    await hit.click();
    await page.waitForFunction(
      () => {
        const map = (
          document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
            hozenMap: TestMap;
          }
        ).hozenMap;
        return map.getZoom() > 16.9;
      },
      undefined,
      { timeout: 30_000 }
    );
    await settled(page);
    // The building is drawn at the centre of the map.
    const centre = await page.evaluate(() => {
      const map = (
        document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
          hozenMap: TestMap;
        }
      ).hozenMap;
      const c = map.getCenter();
      const at = map.project([c.lng, c.lat]);
      return map
        .queryRenderedFeatures(
          [
            [at.x - 6, at.y - 6],
            [at.x + 6, at.y + 6]
          ],
          { layers: ['buildings'] }
        )
        .map((f) => f.properties.code);
    });
    expect(centre).toContain('F0012-01');
    expect(page.url()).toMatch(/v=17\.00\//);
    await saveScreenshot(page, 'map-search');
    await browser.close();
  }, 180_000);
});

describe('spatial analysis on the map', () => {
  it('the draw tool returns the assets inside the drawn area', async () => {
    const { browser, page } = await openMap();
    const box = (await page.locator('[data-testid="asset-map"] .map').boundingBox())!;
    // A rectangle in the middle of the map, drawn corner by corner.
    // Whole pixels: a click lands on a whole pixel, and the comparison below uses the same ones.
    const [x0, y0] = [Math.round(box.x + box.width * 0.42), Math.round(box.y + box.height * 0.42)];
    const [x1, y1] = [Math.round(box.x + box.width * 0.58), Math.round(box.y + box.height * 0.58)];
    await page.getByTestId('draw-polygon').click();
    for (const [x, y] of [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1]
    ])
      await page.mouse.click(x!, y!);
    await page.getByTestId('draw-finish').click();
    await page.getByTestId('area-count-buildings').waitFor();
    const listed = Number(
      (await page.getByTestId('area-count-buildings').textContent())!.replace(/,/g, '')
    );
    // What the map draws inside the same rectangle: the building points whose centres fall in it.
    const drawn = await page.evaluate(
      ({ corners, left, top }) => {
        const map = (
          document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
            hozenMap: TestMap;
          }
        ).hozenMap;
        const [ax, ay, bx, by] = [
          corners[0] - left,
          corners[1] - top,
          corners[2] - left,
          corners[3] - top
        ];
        const codes = new Set<string>();
        for (const f of map.queryRenderedFeatures({ layers: ['buildings'] })) {
          const p = map.project(f.geometry.coordinates);
          if (p.x >= ax && p.x <= bx && p.y >= ay && p.y <= by)
            codes.add(String(f.properties.code));
        }
        return codes.size;
      },
      {
        corners: [x0, y0, x1, y1] as [number, number, number, number],
        left: box.x,
        top: box.y
      }
    );
    expect(listed).toBeGreaterThan(0);
    expect(listed).toBe(drawn);
    expect(await page.getByTestId('area-assets').locator('li').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-draw-area');

    // A facility's walking catchment, from its popup.
    const building = await page.evaluate(() => {
      const container = document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
        hozenMap: TestMap;
      };
      const f = container.hozenMap.queryRenderedFeatures({ layers: ['buildings'] })[0]!;
      const p = container.hozenMap.project(f.geometry.coordinates);
      const box = container.getBoundingClientRect();
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(building.x, building.y);
    await page.getByTestId('catchment').click();
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="area-label"]')?.textContent?.includes('徒歩圏 800 m')
    );
    expect(await page.getByTestId('area-label').textContent()).toContain('直線 615 m');
    expect(
      Number((await page.getByTestId('area-count-buildings').textContent())!.replace(/,/g, ''))
    ).toBeGreaterThan(0);

    await page.getByTestId('consolidation-find').click();
    await page.getByTestId('consolidation-groups').locator('li').first().waitFor();
    expect(await page.getByTestId('consolidation-groups').locator('li').count()).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-consolidation');
    await browser.close();
  }, 180_000);
});

describe('the map view in the URL, and the basemaps', () => {
  it('a shared link restores the position, colouring and filter', async () => {
    const { browser, page } = await openMap(
      '/map?v=15.50/34.86750/138.25778&color=next&hide=roads&hazard=in'
    );
    const state = await page.evaluate(() => {
      const map = (
        document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
          hozenMap: TestMap;
        }
      ).hozenMap;
      return { zoom: map.getZoom(), centre: map.getCenter() };
    });
    expect(state.zoom).toBeCloseTo(15.5, 5);
    expect(state.centre.lat).toBeCloseTo(34.8675, 4);
    expect(state.centre.lng).toBeCloseTo(138.25778, 4);
    expect(await page.getByTestId('colour-by').inputValue()).toBe('next');
    expect(await page.getByTestId('filter-hazard').inputValue()).toBe('in');
    expect(await page.getByTestId('layer-toggle-roads').isChecked()).toBe(false);
    expect(await page.getByTestId('legend').textContent()).toContain('積み残し');
    const hz = await page.evaluate(() => {
      const map = (
        document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
          hozenMap: TestMap;
        }
      ).hozenMap;
      return [
        ...new Set(
          map
            .queryRenderedFeatures({ layers: ['buildings', 'bridges'] })
            .map((f) => f.properties.hz)
        )
      ];
    });
    expect(hz).toEqual([1]);
    await saveScreenshot(page, 'map-shared-link');
    await browser.close();
  }, 180_000);

  it('a local MBTiles basemap is served by Hozen itself', async () => {
    const { browser, page, requests } = await openMap('/map?v=14/34.8675/138.257778');
    await page.getByTestId('basemap').selectOption('local');
    await page.waitForFunction(() => window.location.search.includes('base=local'));
    await settled(page);
    const local = requests.filter((r) => r.url.includes('/api/basemap/'));
    expect(local.length).toBeGreaterThan(0);
    expect(local.some((r) => r.status === 200)).toBe(true);
    const parks = await page.evaluate(() => {
      const map = (
        document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
          hozenMap: TestMap;
        }
      ).hozenMap;
      return map.queryRenderedFeatures({ layers: ['local-park-fill'] }).length;
    });
    expect(parks).toBeGreaterThan(0);
    await saveScreenshot(page, 'map-local-basemap');
    await browser.close();
  }, 180_000);
});
