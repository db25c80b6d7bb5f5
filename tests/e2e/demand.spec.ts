/**
 * People and demand as readers see them: a school's card shows the children within reach now and
 * in 2050; the comparison shows floor area per inhabitant and access to facilities per scenario.
 */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';
import { censusTable, squareBoundaries } from '../helpers/census-table';

const baseUrl = inject('baseUrl');

describe('people and demand', () => {
  it('a school’s card counts its children; the comparison divides floor area by people', async () => {
    const browser = await launchBrowser('viewer');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/facilities/F0001`);
    const catchment = page.getByTestId('card-catchment');
    await catchment.waitFor();
    const text = (await catchment.textContent())!.replace(/\s+/g, ' ');
    expect(text).toMatch(/半径 2\.0 km、6〜11歳/);
    const [now, , y2050] = [...text.matchAll(/(\d{4})年 ([\d,]+)人/g)].map((m) => ({
      year: Number(m[1]),
      people: Number(m[2]!.replaceAll(',', ''))
    }));
    expect(now!.year).toBe(2020);
    expect(y2050!.year).toBe(2050);
    expect(now!.people).toBeGreaterThan(0);
    await saveScreenshot(page, 'demand-card-ja');

    await page.goto(`${baseUrl}/scenarios/compare?ids=1,4`);
    const table = page.getByTestId('per-capita');
    await table.waitFor({ timeout: 120_000 });
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(5);
    const cells = await rows.first().locator('td').allTextContents();
    // Population, then ㎡ per inhabitant for each of the two scenarios.
    expect(cells).toHaveLength(3);
    expect(Number(cells[1]!)).toBeGreaterThan(2);
    await table.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'demand-per-capita-ja');

    // Access in 2050: the consolidation plan closes community centres, and people are worse off.
    const access = page.getByTestId('compare-access');
    await access.waitFor();
    expect(await access.locator('h2').textContent()).toContain('2050年度');
    const community = await access
      .getByTestId('compare-access-community')
      .locator('td')
      .allTextContents();
    // Facilities, per 10,000 and worse off, for each scenario: the national method closes nothing.
    expect(community).toHaveLength(6);
    expect(community[2]).toBe('0');
    expect(Number(community[3])).toBeLessThan(Number(community[0]));
    expect(Number(community[5]!.replaceAll(',', ''))).toBeGreaterThan(0);
    await access.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'demand-access-compare-ja');

    // The scenario's own page has the series, in English too.
    await page.goto(`${baseUrl}/lang/en?back=/scenarios/4`);
    const own = page.getByTestId('access');
    await own.waitFor({ timeout: 120_000 });
    expect(await own.locator('h2').textContent()).toBe('Access to facilities (how many, how far)');
    expect(await own.getByTestId('access-elementary').textContent()).toMatch(/6–11|4\.0 km/);
    await browser.close();
  });

  it('an editor imports users per year; the card shows the trend and cost per user', async () => {
    const browser = await launchBrowser('editor');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/plan/actual`);
    await page.waitForLoadState('networkidle');
    // As a city writes it: 和暦 years, thousands separators, the cost in 千円 in the header.
    const csv =
      '施設番号,年度,利用者数（人）,年間経費（千円）\r\n' +
      'F0053,令和3年度,"30,000","12,000"\r\n' +
      'F0053,R4,"24,000",12000\r\n';
    await page.getByTestId('usage-file').setInputFiles({
      name: 'riyousha.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv)
    });
    await page.getByTestId('usage-import').click();
    await page.getByTestId('usage-imported').waitFor();
    expect(await page.getByTestId('usage-imported').textContent()).toContain('2行（1施設）');

    // A bad file is refused with its row and column, and nothing is kept.
    await page.getByTestId('usage-file').setInputFiles({
      name: 'bad.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('施設番号,年度,利用者数\nF0053,来年,5\n')
    });
    await page.getByTestId('usage-import').click();
    await page.getByTestId('usage-errors').waitFor();
    expect(await page.getByTestId('usage-errors').textContent()).toContain('年度ではありません');

    await page.goto(`${baseUrl}/facilities/F0053`);
    const trend = page.getByTestId('usage-trend');
    await trend.waitFor();
    const fy2021 = trend.locator('tbody tr', { hasText: '2021年度' });
    expect((await fy2021.locator('td').allTextContents()).slice(0, 3)).toEqual([
      '30,000',
      '12,000,000',
      '400'
    ]);
    await trend.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'demand-usage-ja');
    await browser.close();
  });

  it('an administrator imports a census year with its boundaries on the import page', async () => {
    const browser = await launchBrowser('admin');
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/import`);
    const form = page.getByTestId('population-form');
    await form.waitFor();
    const v = (n: number) => new Array<number>(16).fill(n);
    // An earlier census (2015): the projection keeps starting from the latest year.
    const table = censusTable([
      { key: '22999001', level: 2, name: '本町', men: v(10), women: v(10) },
      { key: '22999002', level: 2, name: '山田', men: v(0), women: v(0), hidden: true },
      { key: '22999003', level: 2, name: '川原', men: v(5), women: v(5) }
    ]);
    const files = async (year: string) => {
      await form.getByTestId('population-table').setInputFiles({
        name: 'h27_jinkou.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(table)
      });
      await form.getByTestId('population-boundaries').setInputFiles({
        name: 'h27_kyoukai.geojson',
        mimeType: 'application/geo+json',
        buffer: Buffer.from(JSON.stringify(squareBoundaries(['22999001', '22999002'])))
      });
      await form.locator('input[name=year]').fill(year);
      await form.getByTestId('population-submit').click();
    };
    await files('2016');
    await page.getByTestId('population-problem').waitFor();
    expect(await page.getByTestId('population-problem').textContent()).toContain('5年ごと');
    await files('2015');
    await page.getByTestId('population-imported').waitFor();
    expect(await page.getByTestId('population-imported').textContent()).toContain(
      '2015年の2地域を取り込みました（秘匿の1地域'
    );
    expect(await page.getByTestId('population-unplaced').textContent()).toContain('22999003');
    await browser.close();
  });
});
