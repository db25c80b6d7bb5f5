/** What a card's form action sends back (see src/lib/server/card-actions.ts). */
export interface CardFormResult {
  form?: string;
  target?: string;
  saved?: string;
  message?: string;
  values?: Record<string, string> | null;
  problems?: Record<string, string> | null;
}
