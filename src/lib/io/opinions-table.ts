/**
 * 「意見と市の考え方」: the comments an administrator approved, each with the city's answer, as the
 * city publishes them at the end of a consultation — a CSV (UTF-8 with BOM, text guarded against
 * formulas) and a workbook with the consultation's title, period and counts above the table.
 */
import ExcelJS from 'exceljs';
import { TOPICS, type CommentState, type Topic } from '../consultation';
import type { Lang } from '../i18n/messages';
import { csvField } from './csv-cell';

export interface OpinionRow {
  facilityCode: string | null;
  facilityName: string | null;
  topic: Topic;
  body: string;
  answer: string | null;
}

const HEADERS = {
  ja: ['番号', '対象施設', '論点', 'ご意見', '市の考え方'],
  en: ['No.', 'Facility', 'Topic', 'Comment', 'The city’s answer']
};

function cells(lang: Lang, rows: readonly OpinionRow[]): (string | number)[][] {
  return rows.map((r, i) => [
    i + 1,
    r.facilityCode
      ? `${r.facilityName ?? ''}（${r.facilityCode}）`
      : lang === 'ja'
        ? '計画全体'
        : 'The whole plan',
    TOPICS[r.topic][lang],
    r.body,
    r.answer ?? (lang === 'ja' ? '（回答準備中）' : '(answer in preparation)')
  ]);
}

export function opinionsCsv(lang: Lang, rows: readonly OpinionRow[]): string {
  const lines = [HEADERS[lang], ...cells(lang, rows)].map((r) => r.map(csvField).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

export async function opinionsWorkbook(
  lang: Lang,
  head: { title: string; opensOn: string; closesOn: string; counts: Record<CommentState, number> },
  rows: readonly OpinionRow[]
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const sheet = wb.addWorksheet(lang === 'ja' ? '意見と市の考え方' : 'Comments and answers');
  sheet.addRow([head.title]).font = { bold: true };
  const { approved, rejected, pending } = head.counts;
  sheet.addRow([
    lang === 'ja'
      ? `募集期間 ${head.opensOn}〜${head.closesOn}\u3000寄せられた意見 ${approved + rejected + pending} 件（掲載 ${approved} 件、不掲載 ${rejected} 件、未確認 ${pending} 件）`
      : `Open ${head.opensOn} to ${head.closesOn}; ${approved + rejected + pending} comments received (${approved} published, ${rejected} not published, ${pending} not yet moderated)`
  ]);
  sheet.addRow([]);
  sheet.addRow(HEADERS[lang]).font = { bold: true };
  for (const r of cells(lang, rows)) sheet.addRow(r);
  sheet.columns = [{ width: 6 }, { width: 24 }, { width: 14 }, { width: 60 }, { width: 60 }];
  for (const key of [4, 5]) sheet.getColumn(key).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
