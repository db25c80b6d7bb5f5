/**
 * The report as the routes give it: the data read once, built in the reader's language, and the
 * choices the report page offers (the scenarios, the city's settings and texts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Lang } from '../../i18n/messages';
import { buildReport, type Report } from '../../report/report-sections';
import { chooseScenarios, reportFor, type ReportChoice } from './report.service';
import { readOptions, type ReportOptions } from './report-settings.service';
import { listScenarios } from './scenarios.service';
import { getSettings } from '../repositories/settings.repository';

/** `?scenario=ID` as the measures scenario, or null (the default). */
export function scenarioParam(url: URL): number | null {
  const raw = url.searchParams.get('scenario');
  if (raw === null || raw === '') return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) && id > 0 ? id : -1;
}

/** The report in `lang` with the measures scenario asked for. */
export async function buildReportFor(
  db: Kysely<Database>,
  measuresId: number | null,
  lang: Lang
): Promise<Report> {
  return buildReport(await reportFor(db, measuresId, lang), lang);
}

export interface ReportPage {
  report: Report;
  choice: ReportChoice;
  options: Omit<ReportOptions, 'texts'>;
  /** The city's own texts in the reader's language (absent: Hozen's wording). */
  texts: ReportOptions['texts'][Lang];
}

export async function reportPage(
  db: Kysely<Database>,
  measuresId: number | null,
  lang: Lang
): Promise<ReportPage> {
  const [report, all, settings] = await Promise.all([
    buildReportFor(db, measuresId, lang),
    listScenarios(db),
    getSettings(db)
  ]);
  const { texts, ...options } = readOptions(settings);
  return { report, choice: chooseScenarios(all, measuresId), options, texts: texts[lang] };
}
