import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchBrowser, renderedFeature, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('the facility record card (施設カルテ)', () => {
  let browser: Browser;
  beforeAll(async () => {
    // Facilities staff keep the cards.
    browser = await launchBrowser('editor');
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('records an inspection that survives a reload and appears in the history; a second browser working from the old card is refused, the first save kept', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${baseUrl}/facilities/F0012`);
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('card-title').textContent()).toContain('F0012');
    // The lifecycle chart draws bars for both standards.
    await page.waitForFunction(
      () =>
        Number(
          document
            .querySelector('[data-testid="card-lifecycle-chart"]')
            ?.getAttribute('data-drawn-bars')
        ) > 0
    );
    // A second person, in another browser, opens the same card: it will be out of date after
    // the first saves.
    const other = await launchBrowser('admin');
    const stale = await other.newPage();
    await stale.goto(`${baseUrl}/facilities/F0012`);
    await stale.waitForLoadState('networkidle');

    const first = page.getByTestId('card-asset').first();
    const code = await first.getAttribute('data-code');
    await first.locator('select[name=grade]').selectOption('D');
    await first.locator('input[name=inspector]').fill('e2e-inspector');
    await first.locator('input[name=note]').fill('屋上防水の劣化');
    await first.getByTestId('inspect-form').locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.saved') !== null);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(
      await page.getByTestId('card-asset').first().getByTestId('card-grade').textContent()
    ).toBe('D');
    // The history names who saved it: the signed-in account, not a name typed in the form.
    const history = await page.getByTestId('card-audit').textContent();
    expect(history).toContain('e2e-editor');
    expect(history).toContain(`点検の記録${code}`);
    await saveScreenshot(page, 'record-card');

    const old = stale.getByTestId('card-asset').first();
    await old.locator('select[name=grade]').selectOption('A');
    await old.getByTestId('inspect-form').locator('button[type=submit]').click();
    await stale.getByTestId('inspect-problem').waitFor();
    // Refused, saying who changed what since that card was opened.
    expect(await stale.getByTestId('inspect-problem').textContent()).toMatch(
      /他の人が変更しました.*e2e-editor（\d{4}-\d{2}-\d{2} \d{2}:\d{2}）：点検の記録 — 劣化状況、健全度、点検日.*カルテを開き直して、点検をもう一度記録してください/
    );
    await page.reload();
    expect(
      await page.getByTestId('card-asset').first().getByTestId('card-grade').textContent()
    ).toBe('D');
    expect(errors).toEqual([]);
    await other.close();
    await page.close();
  }, 90_000);

  it('chooses a policy for the facility: the chart gains its series, the history its entry', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/facilities/F0030`);
    await page.waitForLoadState('networkidle');
    const form = page.getByTestId('policy-form');
    await form.locator('input[value=close]').check();
    await form.locator('input[name=year]').fill('1990');
    await form.locator('button[type=submit]').click();
    await page.getByTestId('policy-problem').waitFor();
    expect(await page.getByTestId('policy-problem').textContent()).toMatch(
      /印の付いた項目を確かめてください\s*年度：\d{4}〜\d{4} の年度（西暦4桁）/
    );
    await form.locator('input[name=year]').fill('2035');
    await form.locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.saved') !== null);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('card-lifecycle-totals').textContent()).toMatch(
      /選んだ方針|Chosen policy/
    );
    expect(await page.getByTestId('card-audit').textContent()).toContain('"policy":"close"');
    expect(await form.locator('input[value=close]').isChecked()).toBe(true);
    await saveScreenshot(page, 'record-card-policy');
    await page.close();
  }, 90_000);

  it('a bridge has its own card, reached from the map, where its importance is set', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${baseUrl}/map?v=14/34.8675/138.257778&hide=buildings,roads`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    const target = await renderedFeature(page, 'bridges', 'code');
    expect(target).not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await page.getByTestId('open-card').click();
    await page.getByTestId('card-title').waitFor();
    expect(await page.getByTestId('card-title').textContent()).toContain(target!.properties.code);
    const importance = page.getByTestId('card-importance');
    const next = (await importance.inputValue()) === '5' ? '1' : '5';
    await importance.selectOption(next);
    await page.getByTestId('importance-form').locator('button[type=submit]').click();
    await page.waitForFunction(() => document.querySelector('.saved') !== null);
    await page.reload();
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('card-importance').inputValue()).toBe(next);
    expect(await page.getByTestId('card-audit').textContent()).toContain('importance');
    await saveScreenshot(page, 'asset-card-bridge');
    await page.close();
  }, 120_000);
});
