/**
 * The building stock a plan leaves: each building's floor area and the year its current life
 * began, at the end of a year, after the works the budget loop funded — a rebuild (or the new
 * construction of a planned building) starts a new life in the year it is funded and shrinks the
 * area by the scenario's floor reduction; closed buildings are gone from their closing year.
 */
import type { FloorAreaInput } from './floor-area-by-year';
import { resolveOverrides, type Override } from './overrides';
import type { BudgetResult } from './simulate-budget';
import type { WorkType } from './work-types';

const NEW_LIFE = new Set<WorkType>(['rebuild', 'backlog_rebuild', 'new_construction']);

export function buildingsAfter(
  run: BudgetResult,
  overrides: readonly Override[],
  year: number
): FloorAreaInput[] {
  /** Per building: the years its lives began (funded by `year`) and how many were rebuilds. */
  const lives = new Map<string, { began: number; rebuilds: number }>();
  for (const o of run.outcomes) {
    if (!NEW_LIFE.has(o.workType) || o.fundedYear === null || o.fundedYear > year) continue;
    const life = lives.get(o.assetCode) ?? { began: -Infinity, rebuilds: 0 };
    life.began = Math.max(life.began, o.fundedYear);
    if (o.workType !== 'new_construction') life.rebuilds += 1;
    lives.set(o.assetCode, life);
  }
  const rows: FloorAreaInput[] = [];
  for (const asset of run.unconstrained.assets) {
    if (asset.assetClass !== 'building') continue;
    const o = resolveOverrides(asset, overrides);
    // Closed by then, or planned and not built yet.
    if (o.closeYear <= year || (asset.yearBuilt ?? -Infinity) > year) continue;
    const life = lives.get(asset.code);
    const began = Math.max(asset.yearBuilt ?? -Infinity, life?.began ?? -Infinity);
    rows.push({
      yearBuilt: Number.isFinite(began) ? began : null,
      category: asset.category,
      area: asset.quantity * Math.pow(o.keepAtRebuild, life?.rebuilds ?? 0)
    });
  }
  return rows;
}

/**
 * The buildings' total floor area at the end of each year of the horizon (the same stock
 * `buildingsAfter` gives for one year, for every year at once: one pass over the outcomes).
 */
export function stockAreaByYear(
  run: BudgetResult,
  overrides: readonly Override[],
  startYear: number,
  years: number
): number[] {
  const rebuiltIn = new Map<string, number[]>();
  for (const o of run.outcomes) {
    if (o.workType === 'new_construction' || !NEW_LIFE.has(o.workType) || o.fundedYear === null)
      continue;
    const list = rebuiltIn.get(o.assetCode);
    if (list) list.push(o.fundedYear);
    else rebuiltIn.set(o.assetCode, [o.fundedYear]);
  }
  // Changes of the total by year index (a difference array): summed at the end.
  const delta = new Float64Array(years + 1);
  const at = (year: number) => Math.min(years, Math.max(0, year - startYear));
  for (const asset of run.unconstrained.assets) {
    if (asset.assetClass !== 'building') continue;
    const o = resolveOverrides(asset, overrides);
    const from = at(asset.yearBuilt ?? -Infinity);
    const until = Number.isFinite(o.closeYear) ? at(o.closeYear) : years;
    if (until <= from) continue;
    let area = asset.quantity;
    let k = from;
    for (const y of (rebuiltIn.get(asset.code) ?? []).sort((a, b) => a - b)) {
      const i = at(y);
      if (i >= until) break;
      delta[k]! += area;
      delta[i]! -= area;
      area *= o.keepAtRebuild;
      k = i;
    }
    delta[k]! += area;
    delta[until]! -= area;
  }
  const out: number[] = [];
  let total = 0;
  for (let t = 0; t < years; t++) out.push((total += delta[t]!));
  return out;
}
