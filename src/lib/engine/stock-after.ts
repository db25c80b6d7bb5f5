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
