/** Signing in and out in the browser, and what each role is offered on the pages. */
import { describe, expect, inject, it } from 'vitest';
import { launchBrowser } from './browser';

const baseUrl = inject('baseUrl');
const accounts = inject('accounts');

describe('signing in', () => {
  it('sends someone not signed in to the login, back to the page after it, and out again', async () => {
    const browser = await launchBrowser(null);
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${baseUrl}/scenarios`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(new URL(page.url()).searchParams.get('next')).toBe('/scenarios');
    const form = page.getByTestId('login-form');
    await form.locator('input[name=username]').fill(accounts.finance.username);
    await form.locator('input[name=password]').fill('not the password');
    await form.locator('button').click();
    await page.getByTestId('login-problem').waitFor();
    expect(await page.getByTestId('login-problem').textContent()).toContain(
      'ユーザー名またはパスワードが違います'
    );
    await form.locator('input[name=password]').fill(accounts.finance.password);
    await form.locator('button').click();
    await page.waitForURL(`${baseUrl}/scenarios`);
    expect(await page.getByTestId('signed-in').textContent()).toContain('財政担当');
    // Finance is not offered the administrators' pages, and is refused them.
    expect(await page.locator('header nav a[href="/admin/users"]').count()).toBe(0);
    const refused = await page.goto(`${baseUrl}/admin/users`);
    expect(refused!.status()).toBe(403);
    await page.goto(`${baseUrl}/scenarios`);
    await page.getByTestId('sign-out').click();
    await page.waitForURL(`${baseUrl}/login`);
    await page.goto(`${baseUrl}/map`);
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(errors).toEqual([]);
    await browser.close();
  });

  it('offers a council member no edit controls, and editors none on scenarios', async () => {
    // Finance makes a scenario (as the form posts it).
    const made = await fetch(`${baseUrl}/scenarios?/create`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: baseUrl,
        accept: 'text/html',
        cookie: `hozen_session=${inject('sessions').finance}`,
        'content-type': 'application/x-www-form-urlencoded'
      },
      body: new URLSearchParams({ preset: 'baseline' })
    });
    const location = made.headers.get('location')!;
    expect(location).toMatch(/^\/scenarios\/\d+$/);
    for (const role of ['viewer', 'editor'] as const) {
      const browser = await launchBrowser(role);
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      await page.goto(`${baseUrl}/scenarios`);
      expect(await page.getByTestId('scenario-list').count()).toBe(1);
      expect(await page.getByTestId('scenario-create').count()).toBe(0);
      expect(await page.locator('main form[method="POST"]').count()).toBe(0);
      await page.goto(`${baseUrl}${location}`);
      await page.getByTestId('scenario-chart').waitFor();
      expect(await page.locator('main').locator('form[method="POST"], textarea').count()).toBe(0);
      expect(await page.getByTestId('share-panel').count()).toBe(0);
      // The record card: an editor may record an inspection, a viewer may not.
      await page.goto(`${baseUrl}/facilities/F0012`);
      await page.getByTestId('card-title').waitFor();
      const forms = await page.getByTestId('inspect-form').count();
      if (role === 'editor') expect(forms).toBeGreaterThan(0);
      else expect(forms).toBe(0);
      await browser.close();
    }
  });
});
