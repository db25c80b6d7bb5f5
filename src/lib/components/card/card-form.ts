import type { Lang } from '$lib/i18n/messages';
import { wordLabel } from '$lib/words';

/** A refused form's problems in a line, each field by its label: 「点検日：…。判定：…」. */
export function problemsText(lang: Lang, problems: Record<string, string> | null | undefined) {
  if (!problems) return '';
  return Object.entries(problems)
    .map(([k, v]) => `${wordLabel('field', k, lang)}${lang === 'ja' ? '：' : ': '}${v}`)
    .join(lang === 'ja' ? '。' : '; ');
}

/** What a card's form action sends back (see src/lib/server/card-actions.ts). */
export interface CardFormResult {
  form?: string;
  target?: string;
  saved?: string;
  message?: string;
  values?: Record<string, string> | null;
  problems?: Record<string, string> | null;
}
