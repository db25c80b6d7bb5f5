/** Reading a projection export's options from a URL's query (standard, start, years, lang, budget). */
import { ExportError, type ProjectionExportOptions } from './export.service';

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
