/** Launching Debian's Chromium through playwright-core, and keeping screenshots as artifacts. */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import type { Role } from '../../src/lib/roles';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ARTIFACTS_DIR = path.resolve('test-results', 'e2e');

/** Fails with the way to fix it when Chromium is missing: end-to-end tests never skip silently. */
export function assertChromiumInstalled(): void {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. The end-to-end tests need Debian's Chromium: ` +
        'install it with `apt-get install chromium` (or set CHROMIUM_PATH to a Chromium binary).'
    );
  }
}

/**
 * Chromium with WebGL through SwiftShader and no background network. Never pass
 * --disable-software-rasterizer: it turns WebGL off.
 */
/**
 * Headless Chromium. Inside the tests its new pages and contexts are signed in as `as` (an
 * administrator unless said otherwise; null: nobody) with the session the global setup opened —
 * except a context given its own `storageState` (e.g. an empty one, for someone not signed in).
 */
export async function launchBrowser(
  as: Role | null = process.env.VITEST ? 'admin' : null
): Promise<Browser> {
  const browser = await startChromium();
  if (as === null) return browser;
  const cookie = { name: 'hozen_session', value: inject('sessions')[as], url: inject('baseUrl') };
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    if (!options?.storageState) await context.addCookies([cookie]);
    return context;
  };
  browser.newPage = async (options) => (await browser.newContext(options)).newPage();
  return browser;
}

async function startChromium(): Promise<Browser> {
  assertChromiumInstalled();
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  });
}

/** Saves a full-page screenshot under test-results/e2e/. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * A feature the map draws on `layer` whose property `property` is set (and equals `equals` when
 * given), with where it is on the page; null when none is drawn. The map keeps its MapLibre
 * instance on its container.
 */
export function renderedFeature(
  page: Page,
  layer: string,
  property: string,
  equals?: string
): Promise<{ x: number; y: number; properties: Record<string, string> } | null> {
  return page.evaluate(
    ({ layer, property, equals }) => {
      type Feature = {
        geometry: { coordinates: [number, number] };
        properties: Record<string, string>;
      };
      const container = document.querySelector('[data-testid="asset-map"] .map') as HTMLElement & {
        hozenMap: {
          queryRenderedFeatures: (o: { layers: string[] }) => Feature[];
          project: (c: [number, number]) => { x: number; y: number };
        };
      };
      const map = container.hozenMap;
      const feature = map
        .queryRenderedFeatures({ layers: [layer] })
        .find((f) =>
          equals === undefined ? Boolean(f.properties[property]) : f.properties[property] === equals
        );
      if (!feature) return null;
      const point = map.project(feature.geometry.coordinates);
      const box = container.getBoundingClientRect();
      return { x: box.left + point.x, y: box.top + point.y, properties: feature.properties };
    },
    { layer, property, equals }
  );
}
