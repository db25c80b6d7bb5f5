/**
 * The stochastic mode's outputs: a wide CSV (one row per fiscal year, the 10th/50th/90th
 * percentiles and the mean of cost, funded money and backlog, in yen) and a terminal table in 億円.
 * Header: fiscal_year,cost_p10,cost_p50,cost_p90,cost_mean,funded_p10,…,backlog_mean
 */
import type { Band, StochasticResult } from '../engine/stochastic';

const MEASURES = ['cost', 'funded', 'backlog'] as const;
const STATS = ['p10', 'p50', 'p90', 'mean'] as const;

export const STOCHASTIC_CSV_HEADER = [
  'fiscal_year',
  ...MEASURES.flatMap((m) => STATS.map((s) => `${m}_${s}`))
].join(',');

export function formatStochasticCsv(result: StochasticResult): string {
  const lines = [STOCHASTIC_CSV_HEADER];
  for (const y of result.years) {
    const cells = MEASURES.flatMap((m) => STATS.map((s) => String(Math.round(y[m][s]))));
    lines.push([String(y.fiscalYear), ...cells].join(','));
  }
  return lines.join('\n') + '\n';
}

const oku = (yen: number) => (yen / 1e8).toFixed(2);
const range = (b: Band) => `${oku(b.p10)} / ${oku(b.p50)} / ${oku(b.p90)}`;

export function formatStochasticTable(result: StochasticResult, title: string): string {
  const header = [
    'FY',
    'cost P10 / P50 / P90',
    'funded P10 / P50 / P90',
    'backlog P10 / P50 / P90'
  ];
  const rows = result.years.map((y) => [
    String(y.fiscalYear),
    range(y.cost),
    range(y.funded),
    range(y.backlog)
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const shapes = Object.entries(result.shapes)
    .map(([cls, shape]) => `${cls} ${shape}`)
    .join(', ');
  const t = result.totals;
  return (
    [
      title,
      `${result.samples} samples, seed ${result.seed}; Weibull shapes: ${shapes || 'none'} (median life = the standard's age)`,
      '(億円 = 100 million yen; backlog = money owed and not funded, money queue)',
      line(header),
      ...rows.map(line),
      '',
      `total cost     ${range(t.cost)} 億円`,
      `total funded   ${range(t.funded)} 億円`,
      `backlog at end ${range(t.backlogEnd)} 億円`,
      `peak backlog   ${range(t.peakBacklog)} 億円`
    ].join('\n') + '\n'
  );
}
