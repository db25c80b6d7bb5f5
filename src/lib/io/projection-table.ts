/** A readable yearly table of a projection and its summary, in 億円, for the terminal. */
import type { ProjectionResult } from '../engine/projection';
import type { ProjectionSummary } from '../engine/projection-summary';
import { WORK_TYPES, WORK_TYPE_LABELS, type WorkType } from '../engine/work-types';

const OKU = 1e8;
const fmt = (yen: number) => (yen / OKU).toFixed(2);

export function formatProjectionTable(
  result: ProjectionResult,
  summary: ProjectionSummary,
  title: string
): string {
  const n = result.combos.length;
  const nWork = WORK_TYPES.length;
  const used = WORK_TYPES.filter((w) => summary.byWorkType[w] !== 0);
  const header = ['年度 FY', ...used.map((w: WorkType) => WORK_TYPE_LABELS[w].ja), '合計 total'];
  const lines: string[][] = [header];
  for (let y = 0; y < result.years; y++) {
    const byWork = new Array<number>(nWork).fill(0);
    for (let c = 0; c < n; c++) {
      for (let w = 0; w < nWork; w++) byWork[w]! += result.cells[(y * n + c) * nWork + w]!;
    }
    lines.push([
      String(result.startYear + y),
      ...used.map((w) => fmt(byWork[WORK_TYPES.indexOf(w)]!)),
      fmt(result.totalsByYear[y]!)
    ]);
  }
  lines.push(['計 total', ...used.map((w) => fmt(summary.byWorkType[w])), fmt(summary.total)]);
  const widths = header.map((_, i) => Math.max(...lines.map((l) => width(l[i]!))));
  const body = lines.map((l) =>
    l
      .map((cell, i) => (i === 0 ? pad(cell, widths[i]!, 'end') : pad(cell, widths[i]!, 'start')))
      .join('  ')
  );
  const out = [
    title,
    '(億円 = 100 million yen)',
    ...body,
    '',
    `${summary.years}年間の総額 total ${summary.startYear}–${summary.endYear}: ${fmt(summary.total)} 億円`,
    `年平均 annual average: ${fmt(summary.annualAverage)} 億円`,
    `ピーク peak: ${summary.peakYear}年度 ${fmt(summary.peakCost)} 億円`,
    `現在価値 present value: ${fmt(summary.presentValue)} 億円`
  ];
  if (summary.ratioToReference !== null && summary.referenceInvestment !== null) {
    out.push(
      `直近の投資的経費 reference investment: ${fmt(summary.referenceInvestment)} 億円/年 → ${summary.ratioToReference.toFixed(1)}倍 (times)`
    );
  }
  return out.join('\n') + '\n';
}

/** Display width: East Asian wide characters count two columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(
        ch
      )
        ? 2
        : 1;
  return w;
}

function pad(text: string, to: number, side: 'start' | 'end'): string {
  const fill = ' '.repeat(Math.max(0, to - width(text)));
  return side === 'start' ? fill + text : text + fill;
}
