import { chromium } from 'playwright-core';
const base = 'http://localhost:3124';
const pw = process.argv[2];
const lang = process.argv[3] ?? 'ja';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
await page.goto(`${base}/login`);
await page.fill('input[name=username]', 'admin');
await page.fill('input[name=password]', pw);
await page.click('main button[type=submit]');
await page.waitForURL(`${base}/`);
if (lang === 'en') await page.goto(`${base}/lang/en?back=/`);
for (const [name, path] of [['plan', '/plan'], ['actual', '/plan/actual'], ['card', '/facilities/F0001']]) {
  await page.goto(base + path);
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `/tmp/shot-${name}-${lang}.png`, fullPage: name !== 'plan' ? false : false });
}
await browser.close();
