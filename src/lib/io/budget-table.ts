/** A readable yearly table of a budget run and its key figures, in 億円, for the terminal. */
import type { BudgetSummary, YearSnapshot } from '../engine/simulate-budget';

const oku = (yen: number) => (Number.isFinite(yen) ? (yen / 1e8).toFixed(2) : '∞');

export function formatBudgetTable(
  years: readonly YearSnapshot[],
  key: BudgetSummary,
  title: string
): string {
  const header = ['FY', 'budget', 'needed', 'funded', 'backlog', 'count', 'past life'];
  const rows = years.map((y) => [
    String(y.fiscalYear),
    oku(y.budget),
    oku(y.needed),
    oku(y.funded),
    oku(y.backlogYen),
    String(y.backlogCount),
    String(y.pastLifeCount)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const ratio =
    key.assetSustainabilityRatio === null ? '–' : key.assetSustainabilityRatio.toFixed(2);
  return (
    [
      title,
      "(億円 = 100 million yen; needed = committed slices + this year's slices of every candidate)",
      line(header),
      ...rows.map(line),
      '',
      `funded 予算充当 ${oku(key.funded)} 億円 of ${oku(key.unconstrained)} 億円 needed (Asset Sustainability Ratio ${ratio})`,
      `funding gap 不足額 ${oku(key.fundingGap)} 億円`,
      `backlog at the end 期末の積み残し ${oku(key.backlogEnd)} 億円 (${key.backlogEndCount} works); peak ${oku(key.peakBacklog)} 億円 in ${key.peakBacklogYear}`,
      `assets past their service life at the end 耐用年数超過 ${key.pastLifeEnd}`,
      `present value of the funded money 現在価値 ${oku(key.presentValue)} 億円`
    ].join('\n') + '\n'
  );
}
