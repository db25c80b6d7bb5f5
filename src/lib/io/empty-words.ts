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
const LONGEST = Math.max(...EMPTY_WORDS.map((w) => w.length));
/** The first letters of the words: a cell starting otherwise is no such word (no hashing). */
const FIRST = new Set(EMPTY_WORDS.map((w) => w.charCodeAt(0)));

/** The cell's text, or '' when it says there is nothing (see EMPTY_WORDS); trimmed. */
export function cellValue(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length === 0 || trimmed.length > LONGEST || !FIRST.has(trimmed.charCodeAt(0)))
    return trimmed;
  return EMPTY.has(trimmed) ? '' : trimmed;
}
