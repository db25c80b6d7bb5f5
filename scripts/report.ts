/**
 * `npm run report -- [--scenario ID] [--lang ja|en] [--out plan.pdf|plan.html|tables.xlsx]`
 *
 * Writes the plan report of the database named by HOZEN_DB: a PDF (A4, printed by Debian's
 * Chromium — /usr/bin/chromium, or CHROMIUM_PATH), the HTML document, or every table in one
 * workbook, chosen by the file's extension (default plan.pdf). --scenario names the scenario with
 * life extension (default: the first without a budget limit on another standard). The same report
 * the web app shows under /report.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildReportFor } from '../src/lib/server/services/report-page';
import { ReportError } from '../src/lib/server/services/report-settings.service';
import { reportDocument } from '../src/lib/report/report-html';
import { reportWorkbook } from '../src/lib/report/report-workbook';
import { intFlag, parseFlags, openExistingDatabase, runCli, UsageError } from './lib/cli';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The document printed to PDF by headless Chromium (no network: the document needs none). */
async function printPdf(html: string, out: string, lang: 'ja' | 'en'): Promise<void> {
  if (!fs.existsSync(CHROMIUM))
    throw new UsageError(
      `Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH); --out plan.html writes the document to print from a browser`
    );
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking']
  });
  try {
    const page = await browser.newPage();
    await page.route('**/*', (route) =>
      route.request().url().startsWith('data:') ? route.continue() : route.abort()
    );
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: out,
      format: 'A4',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: `<div style="font-size:8px;width:100%;text-align:center;color:#555">${lang === 'ja' ? '' : 'Page '}<span class="pageNumber"></span> / <span class="totalPages"></span></div>`,
      preferCSSPageSize: true
    });
  } finally {
    await browser.close();
  }
}

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    scenario: 'string',
    lang: 'string',
    out: 'string'
  });
  const lang = String(flags.lang ?? 'ja');
  if (lang !== 'ja' && lang !== 'en')
    throw new UsageError(`--lang must be ja or en, got "${lang}"`);
  const out = flags.out !== undefined ? String(flags.out) : 'plan.pdf';
  const kind = path.extname(out).toLowerCase();
  if (!['.pdf', '.html', '.xlsx'].includes(kind))
    throw new UsageError(`--out must end in .pdf, .html or .xlsx, got "${out}"`);
  const scenario =
    flags.scenario !== undefined ? intFlag(flags.scenario, '--scenario', 1, 2 ** 31, 0) : null;
  const db = await openExistingDatabase();
  try {
    const report = await buildReportFor(db, scenario, lang).catch((e: unknown) => {
      throw e instanceof ReportError ? new UsageError(e.said[lang]) : e;
    });
    if (kind === '.xlsx') fs.writeFileSync(out, await reportWorkbook(lang, report));
    else if (kind === '.html') fs.writeFileSync(out, reportDocument(lang, report));
    else await printPdf(reportDocument(lang, report), out, lang);
    console.error(`wrote ${out}`);
  } finally {
    await db.destroy();
  }
});
