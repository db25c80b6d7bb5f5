/** Reading a projection export's options from a URL's query (standard, start, years, lang, budget). */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ExportError, type ProjectionExportOptions } from './export.service';
import { scenarioExportOptions, ScenarioError } from './scenarios.service';

/** `lang` defaults to the user's interface language. */
export function projectionQuery(url: URL, uiLang: 'ja' | 'en' = 'ja'): ProjectionExportOptions {
  const int = (name: string): number | null => {
    const text = url.searchParams.get(name);
    if (text === null || text === '') return null;
    if (!/^\d+$/.test(text)) throw new ExportError(`${name} must be a whole number, got "${text}"`);
    return Number(text);
  };
  const lang = url.searchParams.get('lang') ?? uiLang;
  if (lang !== 'ja' && lang !== 'en') throw new ExportError(`lang must be ja or en, got "${lang}"`);
  return {
    budget: int('budget'),
    standard: url.searchParams.get('standard') ?? 'soumu',
    start: int('start'),
    years: int('years') ?? 40,
    lang
  };
}

/** `?scenario=ID` exports a scenario as its page shows it; otherwise the query's options. */
export async function exportOptions(
  db: Kysely<Database>,
  url: URL,
  uiLang: 'ja' | 'en' = 'ja'
): Promise<ProjectionExportOptions> {
  const raw = url.searchParams.get('scenario');
  if (raw === null) return projectionQuery(url, uiLang);
  const id = Number(raw);
  if (!Number.isInteger(id) || id < 1)
    throw new ExportError(`scenario must be a scenario number, got "${raw}"`);
  const lang = url.searchParams.get('lang') ?? uiLang;
  if (lang !== 'ja' && lang !== 'en') throw new ExportError(`lang must be ja or en, got "${lang}"`);
  try {
    return await scenarioExportOptions(db, id, lang);
  } catch (e) {
    if (e instanceof ScenarioError) throw new ExportError(e.message);
    throw e;
  }
}
