/**
 * Candidates for review from demand, as staff use them: from the plan page to the ranked list of
 * community centres, the evidence on each row, and one form that puts the first into the plan as a
 * consolidation into the nearest centre that stays, with the evidence as its reason. Council reads
 * the list and has no form.
 */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('candidates for review, from demand', () => {
  it('an editor plans the strongest candidate in two clicks; council only reads', async () => {
    const editor = await launchBrowser('editor');
    const page = await editor.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${baseUrl}/lang/ja?back=/plan`);
    await page.getByTestId('plan-candidates-link').click();
    await page.getByTestId('candidates').waitFor();
    await page.waitForLoadState('networkidle');
    await Promise.all([
      page.waitForURL(/kind=community/),
      page.getByTestId('candidates-kind').selectOption('community')
    ]);
    const rows = page.getByTestId('candidate');
    expect(await rows.count()).toBeGreaterThan(5);
    const scores = (await rows.locator('td:nth-child(3) strong').allTextContents()).map(Number);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // Demand on each row: people then and in 2050, and the change.
    expect(await rows.first().getByTestId('candidate-demand').textContent()).toMatch(
      /[\d,]+ → [\d,]+\s*[-+]?\d+%・全年齢・1\.5 km/
    );
    await saveScreenshot(page, 'candidates-ja');

    const first = rows.first();
    const name = (await first.locator('td.name a').textContent())!.trim();
    await page.waitForLoadState('networkidle');
    await first.getByTestId('candidate-add').click();
    const form = first.getByTestId('plan-add-form');
    expect(await form.getByTestId('plan-add-one').textContent()).toContain(name);
    expect(await form.locator('input[name=into]').inputValue()).toMatch(/^F\d+/);
    expect(await form.locator('input[name=reason]').inputValue()).toMatch(
      /^需要から見た見直し候補（評点0\.\d\d：利用圏人口-\d+%、重なり\d+%、状態[A-D]/
    );
    await form.getByTestId('plan-add-submit').click();
    await page.getByTestId('plan-added').waitFor();
    expect(await page.getByTestId('plan-added').textContent()).toContain('1 件の措置を計画に追加');
    await editor.close();

    const council = await launchBrowser('viewer');
    const cp = await council.newPage();
    await cp.goto(`${baseUrl}/lang/en?back=/plan/candidates`);
    await cp.getByTestId('candidates').waitFor();
    expect(await cp.locator('h1').textContent()).toBe('Candidates for review, from demand');
    expect(await cp.getByTestId('candidate-add').count()).toBe(0);
    await council.close();
  });
});
