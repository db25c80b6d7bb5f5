/**
 * The plan report's data: the register's aggregates, the 有形固定資産減価償却率 from the ledger's
 * columns, the works done, the two scenarios the chapter compares (単純更新 — the national
 * method without a budget limit — and the one with life extension), the targets' paths and the
 * city's settings for the report (its texts, the 類似団体平均, the funding, the running-cost rates).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { ASSET_CLASSES, BUILDING_CATEGORIES, type AssetClass } from '../../engine/asset-classes';
import {
  depreciationSeries,
  FIRST_YEAR_RULES,
  ledgerAsset,
  type FirstYearRule,
  type LedgerAsset
} from '../../engine/depreciation';
import { said, SaidError, type Said } from '../../i18n/said';
import { LANGS, type Lang } from '../../i18n/messages';
import { referenceIndex } from '../../comparison';
import type { Scenario } from '../../scenario';
import {
  REPORT_SECTIONS,
  type ReportData,
  type ReportScenario,
  type ReportSectionId
} from '../../report/report-data';
import { MAX_TEXT_LENGTH } from '../../report/report-texts';
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
import {
  asOfYearOf,
  deleteSetting,
  getSettings,
  putSetting
} from '../repositories/settings.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { listScenarios } from './scenarios.service';
import { runScenario } from './scenario-runs.service';
import { targetsPage } from './targets.service';
import { city } from './plan-inputs';
import { assetsInHazardZones } from './hazard-exposure.service';
import { hazardGeometries } from '../repositories/hazards.repository';

export class ReportError extends SaidError<400 | 404> {}

/** Years of the past the report's series go back (the as-of year and the nine before it). */
const PAST_YEARS = 10;

/**
 * 維持管理費 per ㎡ and year by use, for facilities whose card gives no yearly cost. Hozen's
 * assumption, not a published figure (status: to confirm): a city replaces them with its own.
 */
export const DEFAULT_RUNNING_COST_PER_M2: Record<string, number> = {
  civic_culture: 10_000,
  social_education: 12_000,
  sports_recreation: 9_000,
  industry: 10_000,
  school: 5_500,
  childcare: 14_000,
  health_welfare: 12_000,
  medical: 30_000,
  administration: 12_000,
  public_housing: 2_500,
  park: 3_000,
  utility_plant: 30_000,
  other: 3_000
};
const DEFAULTS_SOURCE: Said = said(
  'Hozen の仮定値・要確認：団体の決算や施設カルテの実績で置き換えてください',
  'Hozen’s assumption, to confirm: replace with the city’s own accounts'
);

/** The report's settings, as stored (keys in the settings table). */
export const REPORT_SETTING_KEYS = {
  similar: 'report_similar_ratio',
  firstYear: 'depreciation_first_year',
  funding: 'report_funding_yen',
  runningCosts: 'report_running_cost_per_m2',
  cityCode: 'city_code'
} as const;
const textKey = (lang: Lang, section: ReportSectionId) => `report_text_${lang}_${section}`;

/** The report's options as the city set them (checked on the way in, read leniently). */
export interface ReportOptions {
  similar: number | null;
  firstYear: FirstYearRule;
  /** Yen per year: one value for every year, or one per year of the horizon. */
  funding: number[] | null;
  runningCosts: Record<string, number>;
  cityCode: string | null;
  texts: Record<Lang, Partial<Record<ReportSectionId, string>>>;
}

export function readOptions(settings: Record<string, string>): ReportOptions {
  const k = REPORT_SETTING_KEYS;
  const similar = Number(settings[k.similar]);
  const firstYear = settings[k.firstYear] as FirstYearRule;
  let runningCosts = { ...DEFAULT_RUNNING_COST_PER_M2 };
  try {
    const given = JSON.parse(settings[k.runningCosts] ?? '{}') as Record<string, unknown>;
    for (const [c, v] of Object.entries(given))
      if (c in runningCosts && typeof v === 'number' && v >= 0) runningCosts[c] = v;
  } catch {
    runningCosts = { ...DEFAULT_RUNNING_COST_PER_M2 };
  }
  const funding = (settings[k.funding] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(Number);
  const texts = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      Object.fromEntries(
        REPORT_SECTIONS.flatMap((s) => {
          const v = settings[textKey(lang, s)];
          return v ? [[s, v]] : [];
        })
      )
    ])
  ) as ReportOptions['texts'];
  return {
    similar: settings[k.similar] && Number.isFinite(similar) ? similar : null,
    firstYear: FIRST_YEAR_RULES.includes(firstYear) ? firstYear : 'months',
    funding: funding.length && funding.every((v) => Number.isFinite(v) && v >= 0) ? funding : null,
    runningCosts,
    cityCode: settings[k.cityCode] || null,
    texts
  };
}

/** A form's report settings, checked: a problem names the field. */
export interface ReportSettingsForm {
  similar: string;
  firstYear: string;
  funding: string;
  cityCode: string;
  runningCosts: Record<string, string>;
}

const MAX_FUNDING_YEARS = 200;

/** Saves the report's settings (finance, admin); audited. */
export async function saveReportSettings(
  db: Kysely<Database>,
  who: AuditWho,
  form: ReportSettingsForm
): Promise<void> {
  const fail = (ja: string, en: string) => {
    throw new ReportError(said(ja, en), 400);
  };
  const similar = form.similar.trim() === '' ? null : Number(form.similar);
  if (similar !== null && !(Number.isFinite(similar) && similar >= 0 && similar <= 100))
    fail(
      '類似団体平均：0〜100 の % で入力してください',
      'similar cities’ average: a % from 0 to 100'
    );
  if (!(FIRST_YEAR_RULES as readonly string[]).includes(form.firstYear))
    fail('取得年度の償却：選択肢から選んでください', 'first year: choose one of the options');
  // 億円 per year, separated by spaces, line breaks or 、 (a comma is a thousands separator).
  const funding = form.funding
    .normalize('NFKC')
    .split(/[\s、;]+/)
    .map((v) => v.replace(/[,_]/g, ''))
    .filter((v) => v !== '');
  if (funding.length > MAX_FUNDING_YEARS)
    fail(
      `充当可能な財源：${MAX_FUNDING_YEARS} 年分まで`,
      `funding: at most ${MAX_FUNDING_YEARS} years`
    );
  funding.forEach((v, k) => {
    const n = Number(v);
    if (!(Number.isFinite(n) && n >= 0 && n <= 100_000))
      fail(
        `充当可能な財源：${k + 1} 番目の値「${v.slice(0, 20)}」は 0〜100,000 の億円ではありません`,
        `funding: value ${k + 1} “${v.slice(0, 20)}” is not an amount of 100M yen from 0 to 100,000`
      );
  });
  const cityCode = form.cityCode.trim();
  if (cityCode !== '' && !/^\d{6}$/.test(cityCode))
    fail(
      '全国地方公共団体コード：検査数字を含む6桁（例 222143）',
      'local government code: six digits with the check digit (e.g. 222143)'
    );
  if (cityCode !== '' && !validCheckDigit(cityCode))
    fail(
      `全国地方公共団体コード：${cityCode} の検査数字（6桁目）が合いません`,
      `local government code: the check digit (6th) of ${cityCode} does not match`
    );
  const runningCosts: Record<string, number> = {};
  for (const c of BUILDING_CATEGORIES) {
    const v = (form.runningCosts[c] ?? '').trim();
    if (v === '') continue;
    const n = Number(v.replace(/[,_]/g, ''));
    if (!(Number.isFinite(n) && n >= 0 && n <= 1e7))
      fail(
        `維持管理費の㎡単価（${c}）：0〜10,000,000 円/㎡`,
        `running cost per ㎡ (${c}): 0 to 10,000,000 yen`
      );
    runningCosts[c] = n;
  }
  const k = REPORT_SETTING_KEYS;
  await db.transaction().execute(async (trx) => {
    const before = readOptions(await getSettings(trx));
    const put = (key: string, value: string | null) =>
      value === null || value === '' ? deleteSetting(trx, key) : putSetting(trx, key, value);
    await put(k.similar, similar === null ? null : String(similar));
    await put(k.firstYear, form.firstYear);
    await put(k.funding, funding.map((v) => String(Math.round(Number(v) * 1e8))).join(','));
    await put(k.cityCode, cityCode);
    await put(
      k.runningCosts,
      Object.keys(runningCosts).length ? JSON.stringify(runningCosts) : null
    );
    const after = readOptions(await getSettings(trx));
    const { texts: _b, ...b } = before;
    const { texts: _a, ...a } = after;
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'report_settings',
      entityId: null,
      before: b,
      after: a
    });
  });
}

/** 全国地方公共団体コード's check digit (総務省: weights 6,5,4,3,2; 11 − sum mod 11, last digit). */
export function validCheckDigit(code: string): boolean {
  const d = [...code].map(Number);
  const s = d.slice(0, 5).reduce((acc, v, i) => acc + v * (6 - i), 0);
  const check = (11 - (s % 11)) % 10;
  return d[5] === check;
}

/** Saves one section's text in one language (empty: back to Hozen's wording); audited. */
export async function saveReportText(
  db: Kysely<Database>,
  who: AuditWho,
  lang: string,
  section: string,
  text: string
): Promise<void> {
  if (
    !(LANGS as readonly string[]).includes(lang) ||
    !(REPORT_SECTIONS as readonly string[]).includes(section)
  )
    throw new ReportError(said('その節はありません', 'no such section'), 404);
  if (text.length > MAX_TEXT_LENGTH)
    throw new ReportError(
      said(
        `本文は ${MAX_TEXT_LENGTH} 文字までです（${text.length} 文字）`,
        `the text is at most ${MAX_TEXT_LENGTH} characters (${text.length})`
      ),
      400
    );
  const key = textKey(lang as Lang, section as ReportSectionId);
  const value = text.replace(/\r\n?/g, '\n').trim();
  await db.transaction().execute(async (trx) => {
    const before = (await getSettings(trx))[key] ?? null;
    if (value === '') await deleteSetting(trx, key);
    else await putSetting(trx, key, value);
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'report_text',
      entityId: `${lang}/${section}`,
      before: { text: before },
      after: { text: value || null }
    });
  });
}

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

  const recent = Number(settings.recent_investment_yen);
  const funding = options.funding
    ? { perYear: options.funding, source: 'setting' as const }
    : Number.isFinite(recent) && recent > 0
      ? { perYear: [recent], source: 'recent_investment' as const }
      : { perYear: null, source: null };

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
    history: years.map((year) => ({
      year,
      area: history
        .filter(
          (h) =>
            h.year_built !== null &&
            h.year_built <= year &&
            (h.status !== 'demolished' || (h.demolished_year !== null && h.demolished_year > year))
        )
        .reduce((s, h) => s + Number(h.area), 0)
    })),
    depreciation: {
      rule: options.firstYear,
      total: depreciationSeries(every, years, options.firstYear),
      byClass: Object.fromEntries(
        ASSET_CLASSES.filter((c) => byClass[c]).map((c) => [
          c,
          depreciationSeries(byClass[c]!, years, options.firstYear)
        ])
      ),
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
    running: {
      ...running,
      defaults: options.runningCosts,
      defaultsSource: DEFAULTS_SOURCE.ja
    },
    funding,
    targets: {
      scenario: targets.scenario && { id: targets.scenario.id, name: targets.scenario.name },
      paths: targets.paths
    },
    policies: BUILDING_CATEGORIES.filter((c) => policyRows.has(c)).map((c) => ({
      category: c,
      ...policyRows.get(c)!
    })),
    texts: {}
  };
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
