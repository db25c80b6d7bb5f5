/**
 * The plan as a timeline (Gantt-like, by fiscal year): one row per facility or asset acted on,
 * one column per year, each cell the actions of that year. Pure, for the plan page.
 */
import type { PlanAction } from './plan';

export interface TimelineItem {
  id: number;
  facilityCode: string | null;
  assetCode: string | null;
  name: string;
  action: PlanAction;
  fiscalYear: number;
  status: string;
}

export interface TimelineRow {
  code: string;
  name: string;
  /** Actions by year index (from `years[0]`). */
  cells: { action: PlanAction; status: string; id: number }[][];
}

export interface Timeline {
  years: number[];
  rows: TimelineRow[];
  /** Rows left out beyond `maxRows`. */
  more: number;
}

/** The timeline of the items (cancelled ones left out), years `from`–`to` at most `maxYears`. */
export function planTimeline(
  items: readonly TimelineItem[],
  options: { maxRows: number; maxYears: number }
): Timeline {
  const live = items.filter((i) => i.status !== 'cancelled');
  if (!live.length) return { years: [], rows: [], more: 0 };
  const first = Math.min(...live.map((i) => i.fiscalYear));
  const last = Math.min(Math.max(...live.map((i) => i.fiscalYear)), first + options.maxYears - 1);
  const years = Array.from({ length: last - first + 1 }, (_, k) => first + k);
  const byCode = new Map<string, TimelineRow & { start: number }>();
  for (const i of live) {
    if (i.fiscalYear > last) continue;
    const code = i.facilityCode ?? i.assetCode ?? '';
    let row = byCode.get(code);
    if (!row)
      byCode.set(
        code,
        (row = { code, name: i.name, cells: years.map(() => []), start: i.fiscalYear })
      );
    row.cells[i.fiscalYear - first]!.push({ action: i.action, status: i.status, id: i.id });
    row.start = Math.min(row.start, i.fiscalYear);
  }
  const rows = [...byCode.values()].sort(
    (a, b) => a.start - b.start || a.code.localeCompare(b.code)
  );
  return {
    years,
    rows: rows.slice(0, options.maxRows).map(({ start: _start, ...row }) => row),
    more: Math.max(0, rows.length - options.maxRows)
  };
}
