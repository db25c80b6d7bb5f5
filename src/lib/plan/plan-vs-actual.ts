/**
 * Plan against actual (予実管理): per fiscal year and in total, what the plan asked (count and yen)
 * and what was done (count and yen, at actual cost); the works overdue against the plan, late and
 * over cost. Pure: the service gives the items with their planned cost and the works done.
 */

/** A plan item with what it costs (entered, else estimated from the standard; null: neither). */
export interface PlannedWork {
  id: number;
  code: string;
  name: string;
  action: string;
  fiscalYear: number;
  status: string;
  plannedYen: number | null;
  /** The class and category it is reported under (its first asset's, or its facility's). */
  assetClass: string;
  category: string;
}

/** A work done, linked to the plan item it carried out when there is one. */
export interface DoneWork {
  fiscalYear: number;
  costYen: number;
  planItemId: number | null;
  assetClass: string;
  category: string;
}

export interface YearRow {
  year: number;
  plannedCount: number;
  plannedYen: number;
  /** Plan items of this year done (in any year). */
  doneCount: number;
  /** Actual cost of the works done in this year, planned or not. */
  actualYen: number;
  /** Of which works no plan item asked for. */
  unplannedYen: number;
}

export interface GroupRow {
  assetClass: string;
  category: string;
  plannedYen: number;
  actualYen: number;
}

export interface Overrun {
  item: PlannedWork;
  actualYen: number;
  /** Actual ÷ planned − 1 (0.25: 25 % over). */
  over: number;
}

export interface Late {
  item: PlannedWork;
  doneYear: number;
}

export interface PlanVsActual {
  years: YearRow[];
  total: Omit<YearRow, 'year'>;
  /** The same over the fiscal years already closed (before `currentYear`): the record so far. */
  toDate: Omit<YearRow, 'year'>;
  groups: GroupRow[];
  /** Items due before `currentYear`, neither done nor cancelled. */
  overdue: PlannedWork[];
  /** Items done over their planned cost, largest overrun first. */
  overruns: Overrun[];
  /** Items done in a later year than planned. */
  late: Late[];
  /** Plan items without a planned cost (entered or estimated): not in the planned yen. */
  unpriced: number;
}

/** Compares the plan with the works done, years `from`…`to` (both included). */
export function planVsActual(
  items: readonly PlannedWork[],
  done: readonly DoneWork[],
  range: { from: number; to: number; currentYear: number }
): PlanVsActual {
  const live = items.filter((i) => i.status !== 'cancelled');
  const years = new Map<number, YearRow>();
  for (let y = range.from; y <= range.to; y++)
    years.set(y, {
      year: y,
      plannedCount: 0,
      plannedYen: 0,
      doneCount: 0,
      actualYen: 0,
      unplannedYen: 0
    });
  const groups = new Map<string, GroupRow>();
  const group = (assetClass: string, category: string) => {
    const key = `${assetClass}\u0000${category}`;
    let row = groups.get(key);
    if (!row) groups.set(key, (row = { assetClass, category, plannedYen: 0, actualYen: 0 }));
    return row;
  };
  const spentOn = new Map<number, { yen: number; lastYear: number }>();
  for (const w of done) {
    const row = years.get(w.fiscalYear);
    if (row) {
      row.actualYen += w.costYen;
      if (w.planItemId === null) row.unplannedYen += w.costYen;
      group(w.assetClass, w.category).actualYen += w.costYen;
    }
    if (w.planItemId !== null) {
      const s = spentOn.get(w.planItemId) ?? { yen: 0, lastYear: -Infinity };
      s.yen += w.costYen;
      s.lastYear = Math.max(s.lastYear, w.fiscalYear);
      spentOn.set(w.planItemId, s);
    }
  }
  const overdue: PlannedWork[] = [];
  const overruns: Overrun[] = [];
  const late: Late[] = [];
  let unpriced = 0;
  for (const item of live) {
    const row = years.get(item.fiscalYear);
    const spent = spentOn.get(item.id);
    const isDone = item.status === 'done' || spent !== undefined;
    if (row) {
      row.plannedCount += 1;
      row.plannedYen += item.plannedYen ?? 0;
      if (isDone) row.doneCount += 1;
      group(item.assetClass, item.category).plannedYen += item.plannedYen ?? 0;
    }
    if (item.plannedYen === null) unpriced += 1;
    if (!isDone && item.fiscalYear < range.currentYear) overdue.push(item);
    if (spent && item.plannedYen && spent.yen > item.plannedYen)
      overruns.push({ item, actualYen: spent.yen, over: spent.yen / item.plannedYen - 1 });
    if (spent && spent.lastYear > item.fiscalYear) late.push({ item, doneYear: spent.lastYear });
  }
  const rows = [...years.values()];
  const sum = (of: readonly YearRow[]) => {
    const add = (k: keyof Omit<YearRow, 'year'>) => of.reduce((s, r) => s + r[k], 0);
    return {
      plannedCount: add('plannedCount'),
      plannedYen: add('plannedYen'),
      doneCount: add('doneCount'),
      actualYen: add('actualYen'),
      unplannedYen: add('unplannedYen')
    };
  };
  return {
    years: rows,
    total: sum(rows),
    toDate: sum(rows.filter((r) => r.year < range.currentYear)),
    groups: [...groups.values()].sort(
      (a, b) => a.assetClass.localeCompare(b.assetClass) || a.category.localeCompare(b.category)
    ),
    overdue: overdue.sort((a, b) => a.fiscalYear - b.fiscalYear || a.code.localeCompare(b.code)),
    overruns: overruns.sort((a, b) => b.over - a.over),
    late: late.sort((a, b) => a.item.fiscalYear - b.item.fiscalYear),
    unpriced
  };
}
