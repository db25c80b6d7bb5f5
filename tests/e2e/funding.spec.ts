/**
 * Can the city afford it? Finance turns the finance model on for two scenarios, edits a bond's
 * terms, the fund and a rule's fund share, sees 公債費 and 基金残高 move, and compares the two.
 * Council reads it and cannot edit it.
 */
import { describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

async function openFunding(page: Page, id: number) {
  await page.goto(`${baseUrl}/scenarios/${id}`);
  await page.getByTestId('funding').waitFor({ timeout: 120_000 });
  if (await page.getByTestId('funding-on').count()) {
    await page.getByTestId('funding-on').click();
    await page.getByTestId('funding-headline').waitFor({ timeout: 120_000 });
  }
}

const figure = async (page: Page, testid: string) =>
  Number(
    /([\d,]+\.\d\d)/.exec((await page.getByTestId(testid).textContent())!)![1]!.replaceAll(',', '')
  );

describe('funding: bonds, subsidies and the reserve fund', () => {
  it('finance edits the bond rules, sees 公債費 and 基金残高, and compares two scenarios', async () => {
    const browser = await launchBrowser('finance');
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/scenarios`);
    await openFunding(page, 1);
    await openFunding(page, 2);
    const debtBefore = await figure(page, 'funding-debt-service');
    expect(debtBefore).toBeGreaterThan(0);
    expect(await figure(page, 'funding-fund-end')).toBe(0);

    // A higher rate on 一般単独事業債, a fund of 50億 topped up by 5億 a year that pays 50 % of what
    // the last rule leaves after its bond.
    await page.getByText('財源のルールを編集').click();
    const form = page.getByTestId('funding-form');
    await form.locator('input[name="bond.general.rate"]').fill('2');
    await form.locator('input[name="fund.opening"]').fill('50');
    await form.locator('input[name="fund.deposit"]').fill('5');
    await form.locator('input[name="standardFiscalSize"]').fill('400');
    const lastRule = (await form.locator('input[name$=".fund"][name^="rule."]').count()) - 1;
    await form.locator(`input[name="rule.${lastRule}.fund"]`).fill('50');
    // Listen before clicking: a quick answer could otherwise arrive before the wait begins.
    const saved = page.waitForResponse(
      (r) => r.url().includes('/scenarios/2') && r.request().method() === 'POST',
      { timeout: 120_000 }
    );
    await page.getByTestId('funding-save').click();
    await saved;
    await page.reload();
    await page.getByTestId('funding-headline').waitFor({ timeout: 120_000 });
    expect(await figure(page, 'funding-debt-service')).toBeGreaterThan(debtBefore);
    expect(await page.getByTestId('funding-ratios').textContent()).toMatch(
      /実質公債費比率 最大 [\d.]+ %/
    );
    // The fund pays until it runs dry: the years it could not are named.
    expect(await page.getByTestId('funding-shortfall').textContent()).toMatch(/\d{4}年度/);
    await page.getByTestId('funding').scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'funding-finance-ja');

    // A bad value is refused with its field named, and nothing changes.
    await page.getByText('財源のルールを編集').click();
    await page.getByTestId('funding-form').locator('input[name="bond.general.grace"]').fill('25');
    await page.getByTestId('funding-save').click();
    await page.getByRole('alert').waitFor();
    expect(await page.locator('.funding td .problem').first().textContent()).toMatch(/0〜20 年/);

    await page.goto(`${baseUrl}/scenarios/compare?ids=1,2`);
    const table = page.getByTestId('compare-funding');
    await table.waitFor({ timeout: 120_000 });
    const text = (await table.textContent())!;
    expect(text).toMatch(/一般財源負担（住民1人当たり・年平均、円）/);
    expect(await table.locator('tbody tr').count()).toBe(5);
    await table.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'funding-compare-ja');

    const xlsx = await page.context().request.get(`${baseUrl}/scenarios/2/funding.xlsx`);
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString()).toBe('PK');
    await browser.close();

    const council = await launchBrowser('viewer');
    const cp = await council.newPage();
    await cp.goto(`${baseUrl}/lang/en?back=/scenarios/2`);
    await cp.getByTestId('funding-headline').waitFor({ timeout: 120_000 });
    expect(await cp.getByTestId('funding-form').count()).toBe(0);
    expect(await cp.getByTestId('funding').textContent()).toContain('Debt service');
    await council.close();
  });
});
