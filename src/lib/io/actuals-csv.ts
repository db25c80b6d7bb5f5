/**
 * The year's contracts as a city keeps them: a CSV of works done (実績) — asset code, work type,
 * completion date, cost, contractor, note, and the plan item carried out when known. Headers in
 * Japanese or English (資産コード / asset_code …, any order, extra columns ignored); work types as
 * Hozen's words or as registers write them (改築, 補修 …); dates in 西暦 or 和暦; costs with
 * commas, full-width digits or units (千円). Pure: text in, rows or row errors out.
 */
import { ACTUAL_WORK_LABELS, ACTUAL_WORK_TYPES, type ActualWorkType } from '../engine/actuals';
import { fiscalYearOf } from '../engine/asset-classes';
import { fileError, readCsvTable } from './csv-table';
import { cellValue } from './empty-words';
import { readNumber } from './number-text';
import type { RowError } from './row-error';
import { parseJapaneseDate } from './wareki';

export interface ActualInput {
  assetCode: string;
  workType: ActualWorkType;
  completedOn: string;
  fiscalYear: number;
  costYen: number;
  contractor: string | null;
  note: string | null;
  planItemId: number | null;
  /** The file's line. */
  row: number;
}

type Column =
  'asset_code' | 'work_type' | 'completed_on' | 'cost_yen' | 'contractor' | 'note' | 'plan_item_id';

const HEADERS: Record<Column, string[]> = {
  asset_code: ['asset_code', 'code', '資産コード', '資産番号', '施設番号'],
  work_type: ['work_type', '工事種別', '種別', '工種', '工事区分'],
  completed_on: ['completed_on', '完了日', '竣工日', '完成日', '完了年月日'],
  cost_yen: ['cost_yen', 'cost', '金額', '契約金額', '実績額', '工事費', '決算額'],
  contractor: ['contractor', '業者', '請負者', '契約者', '受注者'],
  note: ['note', '備考', '工事名'],
  plan_item_id: ['plan_item_id', '計画id', '計画番号']
};
/** Each column's name in the messages (and the 予実 page's table of problems). */
export const ACTUALS_COLUMN_NAMES: Record<Column, string> = {
  asset_code: '資産コード',
  work_type: '工事種別',
  completed_on: '完了日',
  cost_yen: '金額',
  contractor: '業者',
  note: '備考',
  plan_item_id: '計画ID'
};
const REQUIRED: Column[] = ['asset_code', 'work_type', 'completed_on', 'cost_yen'];

/** Work types as registers write them, beyond Hozen's own words and labels. */
const WORK_WORDS: Record<string, ActualWorkType> = {
  改築: 'rebuild',
  建替: 'rebuild',
  建て替え: 'rebuild',
  布設替え: 'replacement',
  布設替: 'replacement',
  架替: 'replacement',
  架け替え: 'replacement',
  長寿命化: 'life_extension',
  改修: 'renovation',
  補修: 'repair',
  修繕工事: 'repair',
  解体: 'demolition'
};
const WORKS = new Map<string, ActualWorkType>([
  ...ACTUAL_WORK_TYPES.map((w) => [w, w] as const),
  ...ACTUAL_WORK_TYPES.map((w) => [ACTUAL_WORK_LABELS[w].ja, w] as const),
  ...Object.entries(WORK_WORDS)
]);

export const MAX_ACTUAL_ROWS = 50_000;

export function parseActualsCsv(
  text: string,
  file: string,
  today: string
): { ok: true; rows: ActualInput[] } | { ok: false; errors: RowError[] } {
  const read = readCsvTable(text, file, MAX_ACTUAL_ROWS);
  if (!read.ok) return read;
  const table = read.rows;
  const header = table[0]!.map((h) => h.normalize('NFKC').trim().toLowerCase());
  const at = {} as Record<Column, number>;
  for (const column of Object.keys(HEADERS) as Column[])
    at[column] = header.findIndex((h) => HEADERS[column].includes(h));
  const missing = REQUIRED.filter((c) => at[c] < 0);
  if (missing.length)
    return fileError(
      file,
      `missing columns: ${missing.map((c) => `${c} (${ACTUALS_COLUMN_NAMES[c]})`).join(', ')}`,
      `列がありません：${missing.map((c) => ACTUALS_COLUMN_NAMES[c]).join('、')}`
    );
  const errors: RowError[] = [];
  const rows: ActualInput[] = [];
  table.slice(1).forEach((cells, i) => {
    const row = i + 2;
    const cell = (c: Column) => (at[c] >= 0 ? cellValue(cells[at[c]] ?? '') : '');
    const problem = (column: Column, value: string, reason: string, reasonJa: string) =>
      errors.push({ file, row, column, value, reason, reasonJa });
    const assetCode = cell('asset_code');
    if (!assetCode) problem('asset_code', '', 'is empty', '空です');
    const workText = cell('work_type');
    const workType = WORKS.get(workText) ?? WORKS.get(workText.toLowerCase());
    if (!workType)
      problem(
        'work_type',
        workText,
        `is not a work type (${ACTUAL_WORK_TYPES.join(', ')})`,
        `工事種別ではありません（${ACTUAL_WORK_TYPES.map((w) => ACTUAL_WORK_LABELS[w].ja).join('・')}）`
      );
    const dateText = cell('completed_on');
    const date = parseJapaneseDate(dateText);
    const iso = date
      ? `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`
      : null;
    if (!iso) problem('completed_on', dateText, 'is not a date', '日付ではありません');
    else if (iso > today) problem('completed_on', dateText, 'is in the future', '未来の日付です');
    const costText = cell('cost_yen');
    const cost = readNumber(costText);
    if (!cost.ok) problem('cost_yen', costText, cost.reason.en, cost.reason.ja);
    else if (cost.value === null || cost.value < 0 || cost.value > 1e13)
      problem('cost_yen', costText, 'must be yen, 0 or more', '0 以上の円で入力してください');
    const idText = cell('plan_item_id');
    const planItemId = idText === '' ? null : Number(idText.normalize('NFKC'));
    if (planItemId !== null && !(Number.isInteger(planItemId) && planItemId > 0))
      problem('plan_item_id', idText, 'is not a plan item number', '計画の措置番号ではありません');
    if (errors.some((e) => e.row === row)) return;
    rows.push({
      assetCode,
      workType: workType!,
      completedOn: iso!,
      fiscalYear: fiscalYearOf(date!.year, date!.month),
      costYen: Math.round((cost as { value: number }).value),
      contractor: cell('contractor').slice(0, 200) || null,
      note: cell('note').slice(0, 1000) || null,
      planItemId,
      row
    });
  });
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}
