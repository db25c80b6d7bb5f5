/**
 * "Nothing here" as registers write it. A 施設カルテ export of a large city puts `－` in every
 * column that does not apply; others write なし, 不明 or 該当なし. Such a cell is an empty value,
 * not an error: a year built of `－` is an unknown year, a structure of `なし` no structure.
 */
export const EMPTY_WORDS = [
  '-',
  '－',
  '‐',
  '−',
  '—',
  '―',
  'ー',
  '─',
  '／',
  '/',
  'なし',
  '無し',
  '不明',
  '該当なし',
  'n/a',
  'N/A',
  '#N/A'
] as const;

const EMPTY = new Set<string>(EMPTY_WORDS);

/** The cell's text, or '' when it says there is nothing (see EMPTY_WORDS); trimmed. */
export function cellValue(text: string): string {
  const trimmed = text.trim();
  return EMPTY.has(trimmed) ? '' : trimmed;
}
