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
    // The second scenario starts from the model the first one holds (entered once, carried over).
    expect(await page.getByRole('status').filter({ hasText: '引き継ぎました' }).count()).toBe(1);
    const debtBefore = await figure(page, 'funding-debt-service');
    expect(debtBefore).toBeGreaterThan(0);
    expect(await figure(page, 'funding-fund-end')).toBe(0);

    // A higher rate on 一般単独事業債, a fund of 50億 topped up by 5億 a year that pays 50 % of what
    // the last rule leaves after its bond.
    await page.getByText('財源のルールを編集').click();
    const form = page.getByTestId('funding-form');
    await form.locator('input[name="bond.general.rate"]').fill('2');
    await form.locator('input[name="fund.facilities.opening"]').fill('50');
    await form.locator('input[name="fund.facilities.deposit"]').fill('5');
    await form.locator('input[name="standardFiscalSize"]').fill('400');
    // The city's debt before the plan: 地方債現在高 600億, 元利償還金 60億 a year, 45 % returned.
    await form.locator('input[name="existing.outstanding"]').fill('600');
    await form.locator('input[name="existing.service"]').fill('60');
    await form.locator('input[name="existing.allowance"]').fill('45');
    const lastRule = (await form.locator('input[name$=".fund"][name^="rule."]').count()) - 2;
    await form.locator(`input[name="rule.${lastRule}.fund"]`).fill('50');
    // A second fund, small, that a new first rule draws from for every building's renovation
    // (after a 一般単独事業債 at the new rate).
    await form.locator('input[name="fund.new.label"]').fill('学校施設整備基金');
    await form.locator('input[name="fund.new.opening"]').fill('1');
    await form.locator('select[name="rule.new.class"]').selectOption('building');
    await form.locator('select[name="rule.new.measure"]').selectOption('renovation');
    await form.locator('select[name="rule.new.bond"]').selectOption('general');
    await form.locator('input[name="rule.new.fund"]').fill('100');
    // Listen before clicking: a quick answer could otherwise arrive before the wait begins.
    const saved = page.waitForResponse(
      (r) => r.url().includes('/scenarios/2') && r.request().method() === 'POST',
      { timeout: 120_000 }
    );
    await page.getByTestId('funding-save').click();
    await saved;
    await page.reload();
    await page.getByTestId('funding-headline').waitFor({ timeout: 120_000 });
    // The new fund exists and the new rule (first) names it once the rule's fund is chosen.
    await page.getByText('財源のルールを編集').click();
    await page.getByTestId('funding-form').locator('select[name="rule.0.fundFrom"]').selectOption({
      label: '学校施設整備基金'
    });
    const again = page.waitForResponse(
      (r) => r.url().includes('/scenarios/2') && r.request().method() === 'POST',
      { timeout: 120_000 }
    );
    await page.getByTestId('funding-save').click();
    await again;
    await page.reload();
    await page.getByTestId('funding-headline').waitFor({ timeout: 120_000 });
    // ¥1億 pays for little: the school fund runs dry and is named among the short years.
    expect(await page.getByTestId('funding-shortfall').textContent()).toMatch(
      /学校施設整備基金：取崩しが残高を超えた年度 \d{4}年度/
    );
    expect(await page.getByTestId('funding-ratios-total').textContent()).toMatch(
      /既存債を含めた概算.*実質公債費比率 最大 [\d.]+ %.*早期健全化基準/
    );
    expect(await page.getByTestId('funding-by-fund').locator('thead').textContent()).toContain(
      '学校施設整備基金'
    );
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
    // The 40 years by source (4), the burden, per inhabitant, debt service, debt and fund left.
    expect(await table.locator('tbody tr').count()).toBe(9);
    // Each scenario's funding mix beside the other's, on one scale.
    expect(await page.getByTestId('compare-funding-mix').count()).toBe(2);
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
