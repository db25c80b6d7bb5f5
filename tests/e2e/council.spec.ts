/**
 * What council reads: the first start's home page with the city's headline, the comparison of the
 * four scenarios it opens with, printed to A4 PDF and read back; every page free of internal keys
 * in Japanese, and of accessibility violations (axe-core).
 */
import { PLAN_ACTIONS, PLAN_STATUSES } from '../../src/lib/plan/plan';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS_DIR, launchBrowser, saveScreenshot } from './browser';
import { axeViolations } from './axe';
import { WORK_TYPES } from '../../src/lib/engine/work-types';

const baseUrl = inject('baseUrl');

/** Every page a signed-in administrator reads (the demo city's codes). */
const PAGES = [
  '/',
  '/map',
  '/charts/floor-area',
  '/scenarios',
  '/scenarios/1',
  '/scenarios/compare?ids=1,2,3,4',
  '/facilities',
  '/facilities/F0055',
  '/facilities/F-PLAN-01',
  '/assets/BR0001',
  '/assets/W000001',
  '/assets/S000001',
  '/assets/R00001',
  '/data',
  '/plan',
  '/plan/actual',
  '/plan/condition',
  '/plan/targets',
  '/plan/candidates',
  '/report',
  '/import',
  '/admin/users',
  '/admin/audit',
  '/admin/public'
];

/**
 * Hozen's internal keys that must never reach a reader as words: standards, work types, classes,
 * categories, structures, materials, inspection parts, policies, statuses, budget kinds.
 */
const KEYS = [
  'soumu',
  'longevity',
  'roof',
  'exterior',
  'interior',
  'electrical',
  'mechanical',
  'overall',
  ...WORK_TYPES,
  'building',
  'road',
  'bridge',
  'water_pipe',
  'sewer_pipe',
  'school',
  'civic_culture',
  'social_education',
  'sports_recreation',
  'industry',
  'childcare',
  'health_welfare',
  'administration',
  'public_housing',
  'park',
  'utility_plant',
  'unclassified',
  'general',
  'cycle_pedestrian',
  'conveyance',
  'distribution',
  'sanitary',
  'storm',
  'rc',
  'src',
  'steel',
  'wood',
  'light_steel',
  'block',
  'asphalt',
  'cast_iron',
  'ductile_iron',
  'asbestos_cement',
  'pvc',
  'polyethylene',
  'concrete',
  'standard',
  'extend',
  'consolidate',
  'close',
  'planned',
  'active',
  'flat',
  'schedule',
  ...PLAN_ACTIONS,
  ...PLAN_STATUSES,
  'poor_share',
  'floor_area',
  'draft',
  'adopted',
  'superseded',
  'none',
  'complex_facility',
  'community_centre',
  'meeting_hall',
  'library',
  'null',
  'undefined',
  'NaN'
];

/**
 * A key standing as a word of the page: between spaces, line or cell breaks, or punctuation — not
 * inside other text (the tests' own scenario named `<img src=x …>` is a user's text, not a key).
 */
const asWord = (key: string) =>
  new RegExp(`(^|[\\s（(「『:：,、・/])${key}($|[\\s）)」』.,:：、・/])`);

/** The text a reader sees, without what is shown verbatim on purpose (the audit's records). */
const readerText = (page: Page) =>
  page.evaluate(() => {
    const copy = document.body.cloneNode(true) as HTMLElement;
    copy.querySelectorAll('[data-verbatim], script, style').forEach((e) => e.remove());
    document.body.appendChild(copy);
    copy.style.position = 'absolute';
    const text = copy.innerText;
    copy.remove();
    return text;
  });

const settle = async (page: Page) => {
  await page.waitForLoadState('networkidle');
  // Charts and the map draw after load.
  await page.waitForTimeout(500);
};

describe('what council reads', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('first start: the home headline, then the four scenarios compared, printed on A4', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/lang/ja`);
    await page.goto(baseUrl);
    const headline = page.getByTestId('home-headline');
    await headline.waitFor();
    expect(await page.getByTestId('home-floor-area').textContent()).toMatch(
      /延床面積\s*[\d,]+ ㎡\s*市民1人あたり [\d.]+ ㎡/
    );
    expect(await page.getByTestId('home-aged').textContent()).toMatch(
      /築30年以上\s*[\d.]+%\s*1981年より前に建築（旧耐震基準）：[\d.]+%/
    );
    expect(await page.getByTestId('home-cost').textContent()).toMatch(
      /今後40年間の更新費用（総務省の方法）\s*[\d,.]+ 億円\s*年平均 [\d,.]+ 億円\s*直近の投資額 75\.0 億円\/年の [\d.]+ 倍/
    );
    expect(await page.getByTestId('home-backlog').textContent()).toMatch(/[\d,.]+ 億円/);
    const scenarios = await page
      .getByTestId('home-scenarios')
      .locator('tbody th')
      .allTextContents();
    expect(scenarios).toEqual([
      '総務省の方法（予算制約なし）',
      '長寿命化',
      '直近の投資額で予算制約',
      '複合化・統廃合の計画'
    ]);
    await saveScreenshot(page, 'council-home-ja');

    await page.getByTestId('home-compare').click();
    await page.getByTestId('compare-sentences').waitFor();
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '[data-testid="compare-waterfall"][data-drawn-steps]:not([data-drawn-steps="0"])'
        ).length === 3
    );
    const sentences = await page.getByTestId('compare-sentences').textContent();
    expect(sentences).toContain('工事の先送りであり、節減ではありません');
    expect(sentences).toMatch(
      /複合化・統廃合の計画は総務省の方法（予算制約なし）に比べて、40年間に必要な工事費が[\d,.]+億円（[\d.]+%）少なくなります/
    );
    expect(sentences).not.toMatch(/直近の投資額で予算制約は[^。]*少なくなります/);
    const rows = await page.getByTestId('compare-breakdown').locator('tbody th').allTextContents();
    expect(rows).toContain('予算上限による先送り（節減ではない）');
    expect(rows).toContain('複合施設などの新設');
    await saveScreenshot(page, 'council-compare-ja');

    // Printed on A4 as council would, and read back.
    await page.emulateMedia({ media: 'print' });
    const pdf = path.join(ARTIFACTS_DIR, 'council-compare-ja.pdf');
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.pdf({ path: pdf, format: 'A4', printBackground: true });
    let text: string;
    try {
      text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    } catch (e) {
      throw new Error(
        `pdftotext could not read the printed comparison (install poppler-utils): ${(e as Error).message}`,
        { cause: e }
      );
    }
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // A4: 595 × 842 points.
    expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain('比較の基準：総務省の方法（予算制約なし）');
    expect(flat).toContain('工事の先送りであり、節減ではありません');
    expect(flat).toContain('基準との差の要因');
    expect(flat).toContain('予算上限による先送り（節減ではない）');
    // The navigation is not printed.
    expect(flat).not.toContain('ログアウト');

    // In English.
    await page.emulateMedia({ media: 'screen' });
    await page.goto(`${baseUrl}/lang/en`);
    await page.goto(`${baseUrl}/scenarios/compare?ids=1,2,3,4`);
    expect(await page.getByTestId('compare-sentences').textContent()).toContain(
      'that is deferral, not a saving'
    );
    await saveScreenshot(page, 'council-compare-en');
    await page.goto(baseUrl);
    expect(await page.getByTestId('home-cost').textContent()).toContain('national method');
    await saveScreenshot(page, 'council-home-en');
    await page.goto(`${baseUrl}/lang/ja`);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('takes the reference chosen on the page, and refuses one not compared', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/lang/ja`);
    await page.goto(`${baseUrl}/scenarios/compare?ids=1,2,3,4`);
    expect(await page.getByTestId('compare-reference').textContent()).toContain(
      '比較の基準：総務省の方法（予算制約なし）'
    );
    const choose = page.getByTestId('compare-choose-reference');
    await choose.locator('select[name=ref]').selectOption('2');
    await choose.locator('button[type=submit]').click();
    await page.waitForURL(/ref=2/);
    expect(await page.getByTestId('compare-reference').textContent()).toContain(
      '比較の基準：長寿命化'
    );
    expect(await page.getByTestId('compare-sentences').textContent()).toMatch(
      /総務省の方法（予算制約なし）は長寿命化に比べて、40年間に必要な工事費が[\d,.]+億円（[\d.]+%）多くなります/
    );
    const bad = await page.goto(`${baseUrl}/scenarios/compare?ids=1,2&ref=3`);
    expect(bad?.status()).toBe(400);
    expect(await page.textContent('body')).toContain('比較するシナリオから選んでください');
    await page.close();
  });

  it('no page shows an internal key to a Japanese reader', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/lang/ja`);
    const found: string[] = [];
    for (const url of PAGES) {
      const response = await page.goto(`${baseUrl}${url}`);
      expect(response?.status(), url).toBe(200);
      await settle(page);
      const text = await readerText(page);
      for (const key of KEYS)
        if (asWord(key).test(text)) {
          const at = text.search(asWord(key));
          found.push(`${url}: "${key}" in …${text.slice(Math.max(0, at - 30), at + 30)}…`);
        }
    }
    expect(found).toEqual([]);
    await page.close();
  });

  it('every page passes axe-core with no violation of any impact', async () => {
    // (Past the pages' Content Security Policy only to inject axe itself.)
    const page = await browser.newPage({
      viewport: { width: 1280, height: 1000 },
      bypassCSP: true
    });
    await page.goto(`${baseUrl}/lang/ja`);
    const violations: string[] = [];
    for (const url of PAGES) {
      await page.goto(`${baseUrl}${url}`);
      await settle(page);
      violations.push(...(await axeViolations(page, url)));
    }
    expect(violations).toEqual([]);
    await page.close();
  });
});
