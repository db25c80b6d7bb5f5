/**
 * The plan report as one printable HTML document (A4, portrait): the page shows it, the browser
 * prints it, `npm run report` turns it into a PDF through Chromium. Every text is escaped (a
 * facility or scenario name is data, never markup); charts are inline SVG, so the document needs
 * nothing from the network.
 */
import { formatNumber, type Lang } from '../i18n/messages';
import type {
  ColumnKind,
  Report,
  ReportChart,
  ReportSection,
  ReportTable
} from './report-sections';
import { niceStep } from '../nice-number';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;'
};
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** A cell as the document shows it (yen in 億円 with two places). */
export function formatCell(lang: Lang, kind: ColumnKind, value: string | number | null): string {
  if (value === null || value === '') return '—';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'oku':
      return formatNumber(lang, value / 1e8, 2);
    case 'pct':
      return formatNumber(lang, value, 1);
    case 'area':
    case 'count':
      return formatNumber(lang, value, 0);
    case 'number':
      return formatNumber(lang, value, Number.isInteger(value) ? 0 : 2);
    default:
      return String(value);
  }
}

function table(lang: Lang, t: ReportTable, number: string): string {
  const head = t.columns
    .map((c) => `<th scope="col" class="${c.kind}">${escapeHtml(c.label)}</th>`)
    .join('');
  const body = t.rows
    .map(
      (row) =>
        `<tr>${row
          .map((v, k) => {
            const kind = t.columns[k]?.kind ?? 'text';
            const text = escapeHtml(formatCell(lang, kind, v));
            return k === 0 ? `<th scope="row">${text}</th>` : `<td class="${kind}">${text}</td>`;
          })
          .join('')}</tr>`
    )
    .join('\n');
  const caption = `${lang === 'ja' ? '表' : 'Table'} ${number}\u3000${t.title}`;
  return `<figure class="table" data-table="${escapeHtml(t.id)}">
<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table>
<figcaption class="footnote">${escapeHtml(t.footnote)}</figcaption></figure>`;
}

/** A bar chart (bars side by side per label) with an optional line, as SVG. */
export function chartSvg(lang: Lang, c: ReportChart): string {
  const W = 680;
  const H = 240;
  const left = 56;
  const bottom = 36;
  const top = 12;
  const values = [...c.bars.flatMap((b) => b.values), ...(c.line?.values ?? [])].map(
    (v) => v / c.divisor
  );
  const max = Math.max(1e-9, ...values);
  const step = niceStep(max / 4);
  const yMax = Math.ceil(max / step) * step;
  const plotW = W - left - 8;
  const plotH = H - top - bottom;
  const slot = plotW / Math.max(1, c.labels.length);
  const barW = Math.max(1, (slot * 0.8) / Math.max(1, c.bars.length));
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const parts: string[] = [];
  for (let v = 0; v <= yMax + step / 2; v += step) {
    parts.push(
      `<line x1="${left}" x2="${W - 8}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#ddd"/>`,
      `<text x="${left - 4}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${escapeHtml(formatNumber(lang, v, step < 1 ? 1 : 0))}</text>`
    );
  }
  c.bars.forEach((b, j) =>
    b.values.forEach((raw, k) => {
      const v = raw / c.divisor;
      const x = left + k * slot + slot * 0.1 + j * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y(v).toFixed(1)}" width="${barW.toFixed(1)}" height="${(top + plotH - y(v)).toFixed(1)}" fill="${b.color}"/>`
      );
    })
  );
  if (c.line) {
    const points = c.line.values
      .map((raw, k) => `${(left + (k + 0.5) * slot).toFixed(1)},${y(raw / c.divisor).toFixed(1)}`)
      .join(' ');
    parts.push(
      `<polyline points="${points}" fill="none" stroke="${c.line.color}" stroke-width="2"/>`
    );
  }
  const every = Math.max(1, Math.ceil(c.labels.length / 12));
  c.labels.forEach((label, k) => {
    if (k % every) return;
    parts.push(
      `<text x="${(left + (k + 0.5) * slot).toFixed(1)}" y="${H - bottom + 14}" text-anchor="middle">${escapeHtml(label)}</text>`
    );
  });
  const legend = [...c.bars, ...(c.line ? [c.line] : [])]
    .map((s) => `<span><i style="background:${s.color}"></i>${escapeHtml(s.name)}</span>`)
    .join('');
  const label = `${c.title}（${c.unit}）`;
  return `<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${escapeHtml(label)}">
<text x="4" y="10" class="unit">${escapeHtml(c.unit)}</text>
${parts.join('\n')}
</svg><figcaption>${escapeHtml(c.title)}<span class="legend">${legend}</span></figcaption></figure>`;
}

function section(lang: Lang, s: ReportSection): string {
  const paragraphs = s.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
  const missing = s.missing.length
    ? `<aside class="missing"><strong>${lang === 'ja' ? '不足しているデータ' : 'Missing data'}</strong><ul>${s.missing
        .map((m) => `<li>${escapeHtml(m)}</li>`)
        .join('')}</ul></aside>`
    : '';
  const charts = s.charts.map((c) => chartSvg(lang, c)).join('\n');
  const tables = s.tables.map((t, k) => table(lang, t, `${s.number}-${k + 1}`)).join('\n');
  return `<section id="report-${s.id}" class="report-section">
<h2>${s.number}. ${escapeHtml(s.heading)}</h2>
${paragraphs}
${missing}
${charts}
${tables}
</section>`;
}

/** The report's own style: A4 pages, tables that break between rows, print colours kept. */
export const REPORT_CSS = `
.report-doc { font-family: "Noto Sans CJK JP", "Noto Sans JP", "IPAexGothic", sans-serif; color: #111; font-size: 10.5pt; line-height: 1.6; max-width: 180mm; margin: 0 auto; }
.report-doc h1 { font-size: 18pt; margin: 0 0 2mm; }
.report-doc .subtitle { color: #444; margin: 0 0 8mm; }
.report-doc h2 { font-size: 13pt; border-bottom: 2px solid #1f4e79; padding-bottom: 1mm; margin: 8mm 0 3mm; break-after: avoid; }
.report-doc section + section { break-before: page; }
.report-doc p { margin: 0 0 3mm; text-indent: 1em; }
.report-doc figure { margin: 0 0 6mm; }
.report-doc table { border-collapse: collapse; width: 100%; font-size: 8.5pt; }
.report-doc caption { text-align: left; font-weight: bold; padding: 1mm 0; break-after: avoid; }
.report-doc th, .report-doc td { border: 1px solid #999; padding: 0.6mm 1.4mm; }
.report-doc thead th { background: #e8eef5; font-weight: bold; text-align: center; }
.report-doc tbody th { text-align: left; font-weight: normal; white-space: nowrap; }
.report-doc td { text-align: right; font-variant-numeric: tabular-nums; }
.report-doc td.text { text-align: left; }
.report-doc tr { break-inside: avoid; }
.report-doc .footnote { font-size: 7.5pt; color: #333; margin-top: 1mm; }
.report-doc .missing { border-left: 3px solid #b7791f; background: #fdf6e3; padding: 2mm 3mm; margin: 0 0 4mm; font-size: 9pt; }
.report-doc .missing ul { margin: 1mm 0 0; padding-left: 5mm; }
.report-doc svg { width: 100%; height: auto; font-size: 9px; }
.report-doc svg text { fill: #333; }
.report-doc .chart figcaption { font-size: 9pt; font-weight: bold; }
.report-doc .legend { font-weight: normal; margin-left: 3mm; }
.report-doc .legend span { margin-right: 3mm; white-space: nowrap; }
.report-doc .legend i { display: inline-block; width: 3mm; height: 3mm; margin-right: 1mm; vertical-align: middle; }
@media print { .report-doc { max-width: none; } }
@page { size: A4; margin: 15mm 15mm 18mm; }
`;

/** The report's body (headings, prose, tables, charts) inside `.report-doc`. */
export function reportBody(lang: Lang, report: Report): string {
  return `<article class="report-doc" lang="${lang}">
<h1>${escapeHtml(report.title)}</h1>
<p class="subtitle">${escapeHtml(report.subtitle)}</p>
${report.sections.map((s) => section(lang, s)).join('\n')}
</article>`;
}

/** The report as a whole HTML document (what is printed to PDF). */
export function reportDocument(lang: Lang, report: Report): string {
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><title>${escapeHtml(report.title)}</title>
<style>${REPORT_CSS}</style></head>
<body>${reportBody(lang, report)}</body></html>`;
}
