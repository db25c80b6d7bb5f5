/**
 * The plan report's data: the register's aggregates, the 有形固定資産減価償却率 from the ledger's
 * columns, the works done, the two scenarios the chapter compares (単純更新 — the national
 * method without a budget limit — and the one with life extension), the targets' paths and the
 * city's settings for the report (its texts, the 類似団体平均, the funding, the running-cost rates).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ASSET_CLASSES, BUILDING_CATEGORIES, type AssetClass } from '../../engine/asset-classes';
import { depreciationSeries, ledgerAsset, type LedgerAsset } from '../../engine/depreciation';
import { said, type Said } from '../../i18n/said';
import type { Lang } from '../../i18n/messages';
import { referenceIndex } from '../../comparison';
import type { Scenario } from '../../scenario';
import type { ReportData, ReportScenario } from '../../report/report-data';
import {
  actualsByYear,
  bridgesByGrade,
  buildingAreaByGrade,
  buildingAreaByYear,
  buildingAreaHistory,
  buildingsWithFacility,
  countWithoutLedger,
  facilitiesByCategory,
  facilitiesWithArea,
  ledgerRows,
  stockByClassAndCategory
} from '../repositories/report.repository';
import { asOfYearOf, getSettings } from '../repositories/settings.repository';
import {
  DEFAULTS_SOURCE,
  readOptions,
  ReportError,
  type ReportOptions
} from './report-settings.service';
import { listScenarios } from './scenarios.service';
import { runScenario } from './scenario-runs.service';
import { targetsPage } from './targets.service';
import { city } from './plan-inputs';
import { assetsInHazardZones } from './hazard-exposure.service';
import { hazardGeometries } from '../repositories/hazards.repository';

/** Years of the past the report's series go back (the as-of year and the nine before it). */
const PAST_YEARS = 10;

/** The scenarios the report may compare, and which it takes by default. */
export interface ReportChoice {
  scenarios: { id: number; name: string; capped: boolean }[];
  referenceId: number | null;
  measuresId: number | null;
}

/** The reference (単純更新) and the default measures scenario: the first uncapped on another standard or with policies. */
export function chooseScenarios(all: readonly Scenario[], asked: number | null): ReportChoice {
  const oldestFirst = [...all].sort((a, b) => a.id - b.id);
  const k = referenceIndex(oldestFirst);
  const reference = oldestFirst[k];
  const referenceId =
    reference && reference.standard === 'soumu' && reference.params.budget.kind === 'none'
      ? reference.id
      : null;
  const fallback = oldestFirst.find(
    (s) =>
      s.id !== referenceId &&
      s.params.budget.kind === 'none' &&
      (s.standard !== 'soumu' || s.params.overrides.length > 0)
  );
  return {
    scenarios: oldestFirst.map((s) => ({
      id: s.id,
      name: s.name,
      capped: s.params.budget.kind !== 'none'
    })),
    referenceId,
    measuresId: asked ?? fallback?.id ?? null
  };
}

function asReportScenario(
  s: Scenario,
  run: Awaited<ReturnType<typeof runScenario>>
): ReportScenario {
  const r = run.result;
  const byYear = Array.from({ length: r.years }, (_, k) =>
    Object.values(r.byWorkType).reduce((sum, v) => sum + (v?.[k] ?? 0), 0)
  );
  return {
    id: s.id,
    name: s.name,
    standard: s.standard,
    startYear: r.startYear,
    years: r.years,
    total: r.headline.total,
    annualAverage: r.headline.annualAverage,
    byYear,
    byClass: r.byClass,
    stockArea: r.stockArea,
    computedAt: run.computedAt
  };
}

/** Everything the report shows; `measuresId`: the life-extension scenario asked for (else the default). */
export async function reportData(
  db: Kysely<Database>,
  measuresId: number | null,
  now = new Date()
): Promise<ReportData> {
  const settings = await getSettings(db);
  const options = readOptions(settings);
  const asOf = asOfYearOf(settings, now);
  const all = await listScenarios(db);
  if (measuresId !== null && !all.some((s) => s.id === measuresId))
    throw new ReportError(
      said(`シナリオ ${measuresId} はありません`, `no scenario ${measuresId}`),
      404
    );
  const choice = chooseScenarios(all, measuresId);

  const [
    stock,
    facilities,
    areaByYear,
    grades,
    bridgeGrades,
    history,
    ledger,
    withoutLedger,
    actuals,
    withArea,
    projection,
    targets,
    hazard
  ] = await Promise.all([
    stockByClassAndCategory(db),
    facilitiesByCategory(db),
    buildingAreaByYear(db),
    buildingAreaByGrade(db),
    bridgesByGrade(db),
    buildingAreaHistory(db),
    ledgerRows(db),
    countWithoutLedger(db),
    actualsByYear(db),
    facilitiesWithArea(db),
    projectionOf(db, all, choice),
    targetsPage(db, choice.measuresId),
    hazardFigures(db)
  ]);

  const years = Array.from({ length: PAST_YEARS }, (_, k) => asOf - PAST_YEARS + 1 + k);
  const { running, policies } = runningAndPolicies(withArea, options);
  const population = Number(settings.city_population);
  return {
    city: {
      nameJa: settings.city_name_ja || '（団体名未設定）',
      nameEn: settings.city_name_en || settings.city_name_ja || '(city name not set)',
      code: options.cityCode,
      population: Number.isFinite(population) && population > 0 ? population : null,
      synthetic: settings.city_synthetic === '1'
    },
    asOfYear: asOf,
    generatedAt: now.toISOString(),
    stock: stock.map((s) => ({
      assetClass: s.asset_class,
      category: s.category,
      unit: s.unit,
      count: Number(s.n),
      quantity: Number(s.quantity)
    })),
    facilities: facilities.map((f) => ({
      category: f.category,
      active: Number(f.active),
      closed: Number(f.closed),
      shelters: Number(f.shelters)
    })),
    areaByYear: areaByYear.map((r) => ({ year: r.year_built, area: Number(r.area) })),
    grades: grades.map((g) => ({
      grade: g.condition_grade,
      count: Number(g.n),
      area: Number(g.area)
    })),
    bridgeGrades: bridgeGrades.map((g) => ({ grade: g.condition_grade, count: Number(g.n) })),
    hazard,
    history: years.map((year) => ({ year, area: areaStanding(history, year) })),
    depreciation: {
      ...depreciationOf(ledger, asOf, years, options),
      withoutLedger,
      similar: options.similar
    },
    actuals: actuals.map((a) => ({
      year: a.fiscal_year,
      workType: a.work_type,
      assetClass: a.asset_class,
      count: Number(a.n),
      cost: Number(a.cost),
      noCost: Number(a.noCost)
    })),
    projection,
    running,
    funding: fundingOf(options, settings),
    targets: {
      scenario: targets.scenario && { id: targets.scenario.id, name: targets.scenario.name },
      paths: targets.paths
    },
    policies,
    texts: {}
  };
}

type Rows<F extends (db: Kysely<Database>) => Promise<unknown[]>> = Awaited<ReturnType<F>>;

/** The floor area standing at the end of `year`: built by then and not yet demolished. */
function areaStanding(history: Rows<typeof buildingAreaHistory>, year: number): number {
  return history
    .filter(
      (h) =>
        h.year_built !== null &&
        h.year_built <= year &&
        (h.status !== 'demolished' || (h.demolished_year !== null && h.demolished_year > year))
    )
    .reduce((s, h) => s + Number(h.area), 0);
}

/** 有形固定資産減価償却率 per year, of every ledger asset and per class. */
function depreciationOf(
  ledger: Rows<typeof ledgerRows>,
  asOf: number,
  years: number[],
  options: ReportOptions
) {
  const byClass: Partial<Record<AssetClass, LedgerAsset[]>> = {};
  const every: LedgerAsset[] = [];
  for (const r of ledger) {
    const a = ledgerAsset({
      acquisitionYen: r.acquisition_yen,
      serviceLifeYears: r.service_life_years,
      acquiredOn: r.acquired_on,
      yearBuilt: r.year_built,
      // Demolished without a recorded year: gone before the first year shown.
      disposedYear: r.status === 'demolished' ? (r.demolished_year ?? asOf - PAST_YEARS) : null
    });
    if (!a) continue;
    every.push(a);
    (byClass[r.asset_class as AssetClass] ??= []).push(a);
  }
  return {
    rule: options.firstYear,
    total: depreciationSeries(every, years, options.firstYear),
    byClass: Object.fromEntries(
      ASSET_CLASSES.filter((c) => byClass[c]).map((c) => [
        c,
        depreciationSeries(byClass[c]!, years, options.firstYear)
      ])
    )
  };
}

/**
 * 維持管理費: from the cards' yearly cost where given, else the floor area at the rate per ㎡ of
 * its use; and the cards' policies counted (and their floor area summed) per use.
 */
function runningAndPolicies(
  withArea: Rows<typeof facilitiesWithArea>,
  options: ReportOptions
): Pick<ReportData, 'running' | 'policies'> {
  const running = {
    fromCards: { facilities: 0, yen: 0 },
    fromDefaults: { facilities: 0, area: 0, yen: 0 }
  };
  const policyRows = new Map<
    string,
    { counts: Record<string, number>; areas: Record<string, number> }
  >();
  for (const f of withArea) {
    const area = Number(f.area);
    if (f.running_cost_yen !== null) {
      running.fromCards.facilities++;
      running.fromCards.yen += f.running_cost_yen;
    } else if (area > 0) {
      running.fromDefaults.facilities++;
      running.fromDefaults.area += area;
      running.fromDefaults.yen +=
        area * (options.runningCosts[f.category] ?? options.runningCosts.other ?? 0);
    }
    const row = policyRows.get(f.category) ?? { counts: {}, areas: {} };
    row.counts[f.policy] = (row.counts[f.policy] ?? 0) + 1;
    row.areas[f.policy] = (row.areas[f.policy] ?? 0) + area;
    policyRows.set(f.category, row);
  }
  return {
    running: { ...running, defaults: options.runningCosts, defaultsSource: DEFAULTS_SOURCE.ja },
    policies: BUILDING_CATEGORIES.filter((c) => policyRows.has(c)).map((c) => ({
      category: c,
      ...policyRows.get(c)!
    }))
  };
}

/** 充当可能な財源: the series the city set, else its recent yearly investment, else none. */
function fundingOf(
  options: ReportOptions,
  settings: Record<string, string>
): ReportData['funding'] {
  const recent = Number(settings.recent_investment_yen);
  return options.funding
    ? { perYear: options.funding, source: 'setting' as const }
    : Number.isFinite(recent) && recent > 0
      ? { perYear: [recent], source: 'recent_investment' as const }
      : { perYear: null, source: null };
}

/** The two scenarios' runs (computed in the compute pool when the cache lacks them). */
async function projectionOf(
  db: Kysely<Database>,
  all: readonly Scenario[],
  choice: ReportChoice
): Promise<ReportData['projection']> {
  const reference = all.find((s) => s.id === choice.referenceId) ?? null;
  let measures = all.find((s) => s.id === choice.measuresId && s.id !== choice.referenceId) ?? null;
  let refused: Said | null = null;
  if (measures && measures.params.budget.kind !== 'none') {
    refused = said(
      `シナリオ「${measures.name}」は予算制約があるため、長寿命化対策の効果額の比較には使えません（予算で先送りした工事を削減と読ませないため）。予算制約のないシナリオを選んでください。`,
      `Scenario “${measures.name}” has a budget limit, so it cannot show the effect of life extension (deferred works would read as savings); choose one without a limit.`
    );
    measures = null;
  } else if (measures && reference && measures.startYear !== reference.startYear) {
    refused = said(
      `シナリオ「${measures.name}」は開始年度（${measures.startYear}年度）が単純更新のシナリオ（${reference.startYear}年度）と異なるため比較できません。`,
      `Scenario “${measures.name}” starts in FY${measures.startYear}, the national-method scenario in FY${reference.startYear}: they cannot be compared.`
    );
    measures = null;
  }
  const [refRun, measRun] = await Promise.all([
    reference ? runScenario(db, reference.id, reference) : null,
    measures ? runScenario(db, measures.id, measures) : null
  ]);
  return {
    reference: reference && refRun ? asReportScenario(reference, refRun) : null,
    measures: measures && measRun ? asReportScenario(measures, measRun) : null,
    refused
  };
}

/** Buildings and shelters in hazard zones (null: no zones imported). */
async function hazardFigures(db: Kysely<Database>): Promise<ReportData['hazard']> {
  if (!(await hazardGeometries(db)).length) return null;
  const { positions } = await city(db);
  const [exposed, buildings] = await Promise.all([
    assetsInHazardZones(db, positions),
    buildingsWithFacility(db)
  ]);
  const shelters = new Set<string>();
  const sheltersIn = new Set<string>();
  let count = 0;
  let area = 0;
  for (const b of buildings) {
    if (b.is_shelter && b.facility) shelters.add(b.facility);
    if (!exposed.has(b.code)) continue;
    count++;
    area += Number(b.quantity);
    if (b.is_shelter && b.facility) sheltersIn.add(b.facility);
  }
  return { buildings: count, area, shelters: shelters.size, sheltersInZones: sheltersIn.size };
}

/** The report's data with the texts of one language (the city's, where it wrote them). */
export async function reportFor(
  db: Kysely<Database>,
  measuresId: number | null,
  lang: Lang,
  now?: Date
): Promise<ReportData> {
  const [data, settings] = await Promise.all([reportData(db, measuresId, now), getSettings(db)]);
  return { ...data, texts: readOptions(settings).texts[lang] };
}
