/**
 * Numbers as registers and spreadsheets write them, read where the meaning is clear and refused
 * with the reason where it is not:
 * - full-width digits and signs (１２３４．５, －３), thousands separators (1,234.5 and １，２３４),
 *   a unit after the number (㎡, m2, m², 平米, m, mm, 円, 千円, 万円, 年, 階, 本, 箇所);
 * - Excel's exponent form (1.2345E+05) — for a measure it is a number;
 * - a comma that is not a thousands separator (12,5 — a decimal comma? two numbers?) is ambiguous.
 * Identifiers (codes, 法人番号) are text: `identifierProblem` says when Excel has turned one into
 * a rounded number (4.00E+12), whose digits cannot be recovered.
 */
import { said, type Said } from '../i18n/said';

export type NumberReading =
  | { ok: true; value: number | null }
  /** `ambiguous`: the text is a number, but which one is unclear (12,5). */
  | { ok: false; reason: Said; ambiguous: boolean };

/** Units written after a number, with what they multiply it by (千円 → × 1,000). */
const UNITS: [RegExp, number][] = [
  [/(千円)$/, 1e3],
  [/(百万円)$/, 1e6],
  [/(万円)$/, 1e4],
  [/(億円)$/, 1e8],
  [/(m2|m²|平方メートル|平米|メートル|mm|m|円|年度|年|階建|階|本|箇所|か所|ヶ所|件|人)$/i, 1]
];

const PLAIN = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const EXPONENT = /^[+-]?\d+(\.\d+)?E[+-]?\d+$/i;
const EMPTY_READING: NumberReading = Object.freeze({ ok: true, value: null });

/**
 * The number a cell holds: null for an empty cell; a refusal naming why when the text is no
 * number or could mean two.
 */
export function readNumber(text: string): NumberReading {
  // Most cells are plain ASCII numbers or empty: read them without the rules below.
  if (text === '') return EMPTY_READING;
  if (PLAIN.test(text)) return { ok: true, value: Number(text) };
  // NFKC: full-width digits, ．，－ and ㎡ (→ m2) as ASCII; then spaces out.
  let plain = text
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/^[−‐]/, '-');
  if (plain === '') return { ok: true, value: null };
  let factor = 1;
  for (const [unit, multiply] of UNITS) {
    if (unit.test(plain) && /\d/.test(plain.replace(unit, ''))) {
      plain = plain.replace(unit, '');
      factor = multiply;
      break;
    }
  }
  if (PLAIN.test(plain) || EXPONENT.test(plain)) return { ok: true, value: Number(plain) * factor };
  if (GROUPED.test(plain)) return { ok: true, value: Number(plain.replace(/,/g, '')) * factor };
  if (/^[+-]?[\d.,]+$/.test(plain) && plain.includes(','))
    return {
      ok: false,
      ambiguous: true,
      reason: said(
        'どの数値か曖昧です：3桁区切りでないカンマがあります（小数点のカンマ、または2つの数値？）。1234.5 のように書いてください',
        'is ambiguous: a comma that does not separate thousands (a decimal comma, or two numbers?); write it as 1234.5'
      )
    };
  return { ok: false, ambiguous: false, reason: said('数値ではありません', 'is not a number') };
}

/**
 * Why an identifier cannot be used as it is, or null: Excel writes long numbers (法人番号, 13
 * digits) as 4.00E+12 — the digits behind the rounding are lost, and two records would share one.
 */
export function identifierProblem(text: string): Said | null {
  if (!/[eEｅＥ]/.test(text)) return null; // no exponent, no rounding
  const plain = text.normalize('NFKC').trim();
  if (EXPONENT.test(plain))
    return said(
      '表計算ソフトで丸められた数値になっています（桁が失われています）。元のファイルでこの列を文字列として保存し、取り込み直してください',
      'was turned into a rounded number by a spreadsheet (its digits are lost): save the column as text (文字列) in the original file and import again'
    );
  return null;
}

/** A number's text for the validators: the number, or the text unchanged when it is none. */
export function numberCell(text: string): string {
  const read = readNumber(text);
  return read.ok ? (read.value === null ? '' : String(read.value)) : text;
}
