/**
 * The plan cycle as staff use it: facilities chosen on the map with a drawn area planned for a
 * 長寿命化改修 in FY2028, seen on the plan's timeline and in a scenario that takes the plan; a work
 * done recorded on a record card and counted on the 予実 page.
 */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser, saveScreenshot } from './browser';

const baseUrl = inject('baseUrl');

describe('the plan cycle (PDCA)', () => {
  it('plans three facilities from a drawn area, and a scenario takes them', async () => {
    const editor = await launchBrowser('editor');
    const page = await editor.newPage({ viewport: { width: 1400, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/lang/ja?back=/map`);
    await page.locator('[data-testid="asset-map"][data-state="idle"]').waitFor({ timeout: 90_000 });
    const box = (await page.locator('[data-testid="asset-map"] .map').boundingBox())!;
    const [x0, y0] = [Math.round(box.x + box.width * 0.35), Math.round(box.y + box.height * 0.35)];
    const [x1, y1] = [Math.round(box.x + box.width * 0.65), Math.round(box.y + box.height * 0.65)];
    await page.getByTestId('draw-polygon').click();
    for (const [x, y] of [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1]
    ])
      await page.mouse.click(x!, y!);
    await page.getByTestId('draw-finish').click();
    const panel = page.getByTestId('area-plan');
    await panel.waitFor();
    await panel.locator('summary').click();
    const boxes = page.getByTestId('plan-add-choices').locator('input[type=checkbox]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(3);
    // Untick all, then tick the first three facilities.
    await page.getByTestId('plan-untick-all').click();
    const chosen: string[] = [];
    for (let k = 0; k < 3; k++) {
      await boxes.nth(k).check();
      chosen.push(String(await boxes.nth(k).getAttribute('value')));
    }
    await page.getByTestId('plan-add-action').selectOption('life_extension');
    await page.getByTestId('plan-add-year').fill('2028');
    await saveScreenshot(page, 'plan-from-map');
    await page.getByTestId('plan-add-submit').click();
    await page.getByTestId('plan-added').waitFor();
    expect(await page.getByTestId('plan-added').textContent()).toContain('3 件の措置を計画に追加');

    // On the timeline: each chosen facility has a 長寿命化改修 in the FY2028 column.
    await page.goto(`${baseUrl}/plan?action=life_extension&year=2028`);
    const timeline = page.getByTestId('plan-timeline');
    await timeline.waitFor();
    const years = await timeline.locator('thead th').allTextContents();
    const column = years.indexOf('2028');
    expect(column).toBeGreaterThan(0);
    for (const code of chosen) {
      const row = timeline.locator('tbody tr', {
        has: page.locator(`th:text-matches("^${code} ")`)
      });
      expect(await row.count(), code).toBe(1);
      expect(
        await row
          .locator('td')
          .nth(column - 1)
          .textContent(),
        code
      ).toContain('長');
    }
    await saveScreenshot(page, 'plan-timeline');
    expect(errors).toEqual([]);
    await editor.close();

    // Finance: a scenario that takes the adopted plan lists the works planned for FY2028.
    const finance = await launchBrowser('finance');
    const fp = await finance.newPage({ viewport: { width: 1280, height: 1000 } });
    await fp.goto(`${baseUrl}/scenarios`);
    await fp.getByTestId('scenario-preset').selectOption('capped');
    await fp.getByTestId('scenario-create').locator('button[type=submit]').click();
    await fp.getByTestId('scenario-title').waitFor();
    await fp.waitForLoadState('networkidle'); // hydrated: a box ticked before would be reset
    await fp.locator('input[name=adoptedPlan]').check();
    await fp.getByTestId('scenario-save').click();
    const fromPlan = fp.getByTestId('scenario-from-plan');
    await fromPlan.waitFor();
    await fromPlan.locator('summary').click();
    const listed = await fromPlan.locator('li').allTextContents();
    for (const code of chosen)
      expect(
        listed.some((l) => l.startsWith(`${code}-`) && l.includes('2028年度')),
        code
      ).toBe(true);
    await saveScreenshot(fp, 'plan-scenario');
    await finance.close();
  }, 240_000);

  it('records a work done on a card, and the 予実 page counts it', async () => {
    const browser = await launchBrowser('editor');
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${baseUrl}/lang/ja?back=/facilities/F0003`);
    const form = page.getByTestId('actual-form');
    // The section may hydrate after the first click and close again: open it until it shows.
    for (let tries = 0; tries < 5 && !(await form.isVisible()); tries++) {
      await page.getByTestId('card-works').locator('summary').click();
      await page.waitForTimeout(400);
    }
    const today = new Date().toISOString().slice(0, 10);
    await form.locator('select[name=workType]').selectOption('repair');
    await form.locator('input[name=completedOn]').fill(today);
    await form.locator('input[name=cost]').fill('12,345,678');
    await form.locator('input[name=contractor]').fill('e2e 建設');
    await form.locator('input[name=documents]').setInputFiles({
      name: '完了届.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% e2e\n')
    });
    await page.getByTestId('actual-submit').click();
    await page.getByTestId('card-works').locator('td', { hasText: 'e2e 建設' }).waitFor();
    const row = await page
      .getByTestId('card-works')
      .locator('tr', { hasText: 'e2e 建設' })
      .textContent();
    expect(row).toContain('12,345,678 円');
    expect(row).toContain('修繕');
    expect(row).toContain('完了届.pdf');
    await saveScreenshot(page, 'plan-card-work');

    // Unplanned, in this fiscal year: counted in the year's actual and outside the plan.
    await page.goto(`${baseUrl}/plan/actual`);
    const [y, m] = today.split('-').map(Number) as [number, number];
    const fy = m >= 4 ? y : y - 1;
    const yearRow = page.getByTestId('actual-years').locator('tr', { hasText: `${fy}年度` });
    const cells = await yearRow.locator('td').allTextContents();
    // 実績額 and 計画外の実績 hold at least the 0.12 億円 recorded.
    expect(Number(cells[3]!.replace(/[^\d.]/g, ''))).toBeGreaterThanOrEqual(0.12);
    expect(Number(cells[5]!.replace(/[^\d.]/g, ''))).toBeGreaterThanOrEqual(0.12);
    await saveScreenshot(page, 'plan-actual');
    await browser.close();
  }, 120_000);
});
