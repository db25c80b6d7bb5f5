/**
 * What the server says to a person — a refusal, a form field's problem — in both of Hozen's
 * languages, written beside the rule that says it; the page shows the reader's. The English text
 * is also the error's message (logs, the command line, tests).
 */
import type { Lang } from './messages';

export interface Said {
  ja: string;
  en: string;
}

export const said = (ja: string, en: string): Said => ({ ja, en });

/** Each field's problem in the reader's language. */
export const inLanguage = (
  lang: Lang,
  problems: Record<string, Said> | null
): Record<string, string> | null =>
  problems && Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v[lang]]));

/** An error whose message is said in both languages, with the HTTP status it answers with. */
export class SaidError<S extends number = 400 | 404 | 409> extends Error {
  constructor(
    readonly said: Said,
    readonly status: S
  ) {
    super(said.en);
  }
}
