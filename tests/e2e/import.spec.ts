import path from 'node:path';
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
    expect(await page.getByTestId('import-errors').textContent()).toContain('must be a number ≥ 0');
    expect(await page.getByTestId('import-status').textContent()).toContain('取り込んでいません');
    await saveScreenshot(page, 'import-errors');
    await page.close();
  }, 60_000);
});
