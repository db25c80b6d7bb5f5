import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { zippedShapefile } from '../helpers/gis-files';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');
const fixture = (name: string) => path.resolve('tests/fixtures/import', name);

describe('the import page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('checks a Shift_JIS 公共施設一覧 (preview, counts), then imports it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle'); // hydrated: the buttons answer
    await page.getByTestId('import-file').setInputFiles(fixture('koukyou-shisetsu-sjis.csv'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-status').waitFor();
    // The preview decodes Shift_JIS: the header and the first facility, in Japanese.
    const preview = await page.getByTestId('import-preview').textContent();
    expect(preview).toContain('名称');
    expect(preview).toContain('デモ市立北小学校');
    expect(await page.getByTestId('import-status').textContent()).toContain('確認のみ');
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新規\s*8/);
    await page.getByTestId('import-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-status"]')
        ?.textContent?.includes('取り込みました')
    );
    await saveScreenshot(page, 'import-ok');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('lists every bad row of a file, and writes nothing', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle'); // hydrated: the buttons answer
    await page.getByTestId('import-file').setInputFiles(fixture('bad-rows.csv'));
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-errors').waitFor();
    const rows = await page.getByTestId('import-errors').locator('tbody tr').count();
    expect(rows).toBe(7);
    expect(await page.getByTestId('import-errors').textContent()).toContain('0 以上の数値');
    expect(await page.getByTestId('import-status').textContent()).toContain('取り込んでいません');
    await saveScreenshot(page, 'import-errors');
    await page.close();
  }, 60_000);
});

describe('mapping an unknown table on the page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('pre-fills the columns and words, previews, saves the mapping and imports', async () => {
    // A facilities section's own building register: its headers, 和暦, full-width letters,
    // a structure word no rule knows (混構造) and a grade word of its own (要観察).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-map-'));
    const file = path.join(dir, '建物台帳.csv');
    fs.writeFileSync(
      file,
      [
        '整理番号,施設名,用途区分,建築年月,延床面積（㎡）,構造,階数,劣化判定,備考',
        'MAP-001,東小学校 校舎,小学校,昭和50年4月,"3,200",ＲＣ造,3,B,',
        'MAP-002,東小学校 体育館,小学校,S55.3,"1,100.5",Ｓ造,1,C,',
        'MAP-003,中央公民館,公民館,平成2年,"1,450",SRC造,2,A,耐震補強済',
        'MAP-004,旧青葉荘,老人福祉,S45,300,混構造,2,要観察,'
      ].join('\r\n') + '\r\n'
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('import-file').setInputFiles(file);
    await page.getByTestId('column-mapper').waitFor();
    expect(await page.getByTestId('import-unknown-format').isVisible()).toBe(true);
    // Pre-filled from the headers and values.
    expect(await page.getByTestId('map-column-code').inputValue()).toBe('整理番号');
    expect(await page.getByTestId('map-column-year_built').inputValue()).toBe('建築年月');
    expect(await page.getByTestId('map-column-quantity').inputValue()).toBe('延床面積（㎡）');
    expect(await page.getByTestId('map-class-value').inputValue()).toBe('building');
    // The words no rule knows stop the preview's row, naming it …
    const problems = page.getByTestId('map-preview-errors');
    expect(await problems.textContent()).toContain('混構造');
    // … in the reader's words, pointing at the dropdown to use (not Hozen's internal codes).
    expect(await problems.textContent()).toContain(
      '上の「構造」の表で、この値に当たる Hozen の区分を選んでください'
    );
    expect(await problems.textContent()).not.toContain('light_steel');
    // … until a word is chosen; the preview follows each change.
    await page.getByLabel('構造: 混構造').selectOption('rc');
    await page.getByLabel('劣化度・健全度: 要観察').selectOption('B');
    await problems.waitFor({ state: 'detached' });
    const preview = await page.getByTestId('map-preview').textContent();
    expect(preview).toContain('旧青葉荘');
    expect(preview).toContain('1975'); // 昭和50年4月 → FY1975
    expect(preview).toContain('1979'); // S55.3 → FY1979 (March belongs to the year before)
    expect(preview).toContain('保健・福祉施設');
    // Without the remarks column, nothing else changes; save the mapping and import.
    await page.getByTestId('map-save-as').fill('建物台帳（施設課）');
    await page.getByTestId('import-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-status"]')
        ?.textContent?.includes('取り込みました')
    );
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新規\s*4/);
    await saveScreenshot(page, 'import-mapped');
    // What was stored is what the preview showed.
    await page.goto(`${baseUrl}/assets/MAP-004`);
    const card = await page.locator('main').textContent();
    expect(card).toContain('旧青葉荘');
    expect(card).toContain('1970'); // S45 → 1970
    expect(card).toContain('鉄筋コンクリート造');
    // The saved mapping is offered next time.
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('details select option').allTextContents()).toContain(
      '建物台帳（施設課）'
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('lands a zipped Shapefile on the map at its place', async () => {
    // Two buildings in 平面直角座標系 VIII (JGD2000) with a Shift_JIS DBF, made by the test.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-shp-'));
    const zip = path.join(dir, '建物.zip');
    fs.writeFileSync(
      zip,
      zippedShapefile(dir, '建物', [
        {
          lon: 138.1769,
          lat: 34.8365,
          properties: {
            code: 'SHP-E2E-1',
            name: '図書館（シェープ）',
            class: 'building',
            category: 'social_education',
            year_built: 1983,
            quantity: 2450,
            unit: 'm2',
            structure: 'RC造'
          }
        }
      ])
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('import-file').setInputFiles(zip);
    await page.getByTestId('import-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-status"]')
        ?.textContent?.includes('取り込みました')
    );
    expect(await page.getByTestId('import-status').textContent()).toContain('シェープファイル');
    // The map finds the building where it stands: search gives its position in lon/lat.
    const hits = await page.evaluate(async (url) => {
      const answer = await fetch(`${url}/api/map/search?q=SHP-E2E-1`);
      return (await answer.json()).hits;
    }, baseUrl);
    expect(hits[0]).toMatchObject({ code: 'SHP-E2E-1' });
    const [lon, lat] = hits[0].anchor as [number, number];
    expect(lon).toBeCloseTo(138.1769, 3);
    expect(lat).toBeCloseTo(34.8365, 3);
    await page.goto(`${baseUrl}/map`);
    await page.waitForLoadState('networkidle');
    await saveScreenshot(page, 'import-shapefile-map');
    await page.close();
  }, 90_000);

  it("maps a Shapefile whose attributes are the city's own words, then imports it", async () => {
    // A facilities section's layer: DBF fields named in Japanese, 和暦 years, structure words.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hozen-shp-'));
    const zip = path.join(dir, '公共建築物.zip');
    fs.writeFileSync(
      zip,
      zippedShapefile(dir, '公共建築物', [
        {
          lon: 138.18,
          lat: 34.84,
          properties: {
            整理番号: 'SHPJA-1',
            施設名: '西公民館',
            建築年度: '昭和58年度',
            延床面積: '1,250.5',
            構造: '鉄筋コンクリート造'
          }
        },
        {
          lon: 138.19,
          lat: 34.85,
          properties: {
            整理番号: 'SHPJA-2',
            施設名: '西公民館 倉庫',
            建築年度: 'H5',
            延床面積: '80',
            構造: 'Ｓ造'
          }
        }
      ])
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/import`);
    await page.waitForLoadState('networkidle');
    await page.getByTestId('import-file').setInputFiles(zip);
    // The layer's attributes are not Hozen's field names: the mapper opens, pre-filled.
    await page.getByTestId('column-mapper').waitFor();
    expect(await page.getByTestId('import-unknown-format').textContent()).toContain(
      'このレイヤーの属性名は Hozen の項目名ではありません'
    );
    expect(await page.getByTestId('map-column-code').inputValue()).toBe('整理番号');
    expect(await page.getByTestId('map-column-year_built').inputValue()).toBe('建築年度');
    expect(await page.getByTestId('map-column-quantity').inputValue()).toBe('延床面積');
    const preview = await page.getByTestId('map-preview').textContent();
    expect(preview).toContain('西公民館');
    expect(preview).toContain('1983'); // 昭和58年度
    await page.getByTestId('import-run').click();
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid="import-status"]')
        ?.textContent?.includes('取り込みました')
    );
    expect(await page.getByTestId('import-counts').textContent()).toMatch(/新規\s*2/);
    // Stored as the preview showed, where the layer put it.
    await page.goto(`${baseUrl}/assets/SHPJA-2`);
    const card = await page.locator('main').textContent();
    expect(card).toContain('西公民館 倉庫');
    expect(card).toContain('1993'); // H5
    expect(card).toContain('鉄骨造');
    const hits = await page.evaluate(async (url) => {
      const answer = await fetch(`${url}/api/map/search?q=SHPJA-1`);
      return (await answer.json()).hits;
    }, baseUrl);
    expect(hits[0].anchor[0]).toBeCloseTo(138.18, 3);
    expect(hits[0].anchor[1]).toBeCloseTo(34.84, 3);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);
});
