/**
 * How a plan's works are paid for — the finance model: each year's works split into 国庫補助
 * (subsidies), 地方債 (bonds), 基金 (the reserve fund) and 一般財源 (general revenue) by rules per
 * asset class and kind of measure; the bonds' debt service (公債費: principal and interest) and
 * outstanding debt (地方債残高) year by year; the 交付税措置 returned on their debt service; the
 * fund's balance; and the plan's contribution to 実質公債費比率 and 将来負担比率.
 *
 * Conventions (documented, the city's to change where they are parameters):
 * - A work's cost C: subsidy S = C × 補助率; bond B = (C − S) × 充当率; from the fund
 *   F = (C − S − B) × the rule's fund share, at most what the fund holds that year (opening +
 *   deposit − what earlier works that year drew); general revenue G = C − S − B − F. S + B + F + G
 *   = C exactly, and the fund's shortfall (wanted − drawn) is moved to G and the year flagged.
 * - Bonds are issued at the end of the fiscal year of the works; repaid yearly from the next year
 *   over the term (償還年限, including the 据置期間 of interest only): 元金均等 (equal principal:
 *   the amount ÷ the repayment years, rounded down to the yen, the remainder in the last year) or
 *   元利均等 (equal payments: the annuity rounded to the yen, the last year repaying what is left).
 *   Interest = outstanding × rate, rounded to the yen. Real 地方債 are often repaid half-yearly:
 *   a yearly schedule is this model's simplification.
 * - 交付税措置: the debt service of a bond type times its 算入率 (元利償還金の基準財政需要額への
 *   算入), counted as returned in the year it is paid.
 * - Funds (基金: 公共施設整備基金 and others): each rule draws its share from one fund (the first
 *   when it names none); a fund's drawdowns are at most what it holds that year.
 * - Indicators (this plan's contribution, not the official ratio), each year: the ratio with the
 *   plan's works less the ratio without them, where 実質公債費比率 ≈ (公債費 − 交付税措置) ÷
 *   (標準財政規模 − 交付税措置) and 将来負担比率 ≈ (地方債残高 − its future 交付税措置 − 基金残高)
 *   ÷ the same, without the three-year average. The city's existing debt (地方債現在高, its
 *   yearly 元利償還金 and 交付税算入率), when entered, runs off at that 元利償還金 a year until
 *   repaid (interest not told apart: an approximation) and stands in both; without the plan the
 *   funds only grow by their deposits.
 */
import { z } from 'zod';
import type { AssetClass } from './asset-classes';
import type { WorkType } from './work-types';

/** Kinds of measure the rules are written for (the 適正管理推進事業債's measures and the rest). */
export const MEASURES = [
  'renewal',
  'renovation',
  'life_extension',
  'consolidation',
  'demolition'
] as const;
export type Measure = (typeof MEASURES)[number];

export const MEASURE_LABELS: Record<Measure, { ja: string; en: string }> = {
  renewal: { ja: '建替え・更新', en: 'Rebuild and replacement' },
  renovation: { ja: '大規模改修・修繕', en: 'Renovation and repair' },
  life_extension: { ja: '長寿命化', en: 'Life extension' },
  consolidation: { ja: '集約化・複合化（新設）', en: 'Consolidation (new building)' },
  demolition: { ja: '除却', en: 'Demolition' }
};

/** The measure a work type counts as. */
export const MEASURE_OF: Record<WorkType, Measure> = {
  rebuild: 'renewal',
  replacement: 'renewal',
  backlog_rebuild: 'renewal',
  backlog_replacement: 'renewal',
  renovation: 'renovation',
  backlog_renovation: 'renovation',
  midlife_repair: 'renovation',
  life_extension: 'life_extension',
  backlog_life_extension: 'life_extension',
  new_construction: 'consolidation',
  demolition: 'demolition'
};

const share = z.number().min(0).max(1);
const yen = z.number().min(0).max(1e13);

export const bondTermsSchema = z
  .object({
    label: z.string().min(1).max(100),
    /** 充当率: the share of the cost after subsidy the bond may cover. */
    coverage: share,
    /** 交付税算入率: the share of its debt service returned through 交付税. */
    allowance: share,
    rate: z.number().min(0).max(0.2),
    years: z.number().int().min(1).max(60),
    grace: z.number().int().min(0).max(20),
    method: z.enum(['annuity', 'equal_principal']),
    source: z.string().max(300).default('')
  })
  .strict()
  .refine((b) => b.grace < b.years, { message: '据置期間 must be shorter than the term' });
export type BondTerms = z.infer<typeof bondTermsSchema>;

export const fundingRuleSchema = z
  .object({
    assetClass: z.enum(['all', 'building', 'road', 'bridge', 'water_pipe', 'sewer_pipe']),
    /** A building use category (学校教育系施設 …) the rule is limited to; absent: any. */
    category: z.string().max(40).optional(),
    measure: z.enum(['all', ...MEASURES]),
    /** 国庫補助率. */
    subsidy: share,
    /** The bond type (a key of `bonds`), or null: no bond. */
    bond: z.string().max(40).nullable(),
    /** The share of what remains after subsidy and bond taken from the fund. */
    fund: share,
    /** The fund it draws from (a key of `funds`); absent or null: the first. */
    fundFrom: z.string().max(40).nullable().optional(),
    source: z.string().max(300).default('')
  })
  .strict();
export type FundingRule = z.infer<typeof fundingRuleSchema>;

const key = z.string().min(1).max(40);

export const fundSchema = z
  .object({ label: z.string().min(1).max(100), opening: yen, deposit: yen })
  .strict();
export type Fund = z.infer<typeof fundSchema>;

/** The city's debt before the plan (its 決算's figures). */
export const existingDebtSchema = z
  .object({
    /** 地方債現在高 at the start of the plan. */
    outstanding: yen,
    /** 元利償還金 a year. */
    service: yen,
    /** The share of it returned through 交付税 (基準財政需要額算入額 ÷ 元利償還金). */
    allowance: share
  })
  .strict();
export type ExistingDebt = z.infer<typeof existingDebtSchema>;

export const MAX_FUNDS = 8;
export const MAX_BONDS = 12;
export const MAX_RULES = 60;

/** Models saved before there could be several funds held one `fund`: it becomes the first. */
function upgradeOneFund(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || !('fund' in v) || 'funds' in v) return v;
  const { fund, ...rest } = v as { fund: { label?: string } };
  return { ...rest, funds: { facilities: { ...fund, label: fund.label || '公共施設整備基金' } } };
}

export const fundingParamsSchema = z.preprocess(
  upgradeOneFund,
  z
    .object({
      bonds: z
        .record(key, bondTermsSchema)
        .refine((b) => Object.keys(b).length <= MAX_BONDS, `at most ${MAX_BONDS} bond types`),
      /** The first rule that matches a work's class and measure applies ('all' matches any). */
      rules: z.array(fundingRuleSchema).max(MAX_RULES),
      /** The reserve funds, in order (a rule naming none draws from the first). */
      funds: z
        .record(key, fundSchema)
        .refine(
          (f) => Object.keys(f).length >= 1 && Object.keys(f).length <= MAX_FUNDS,
          `one to ${MAX_FUNDS} funds`
        ),
      /** 標準財政規模 (yen a year) for the indicators; null: not shown. */
      standardFiscalSize: yen.nullable().default(null),
      existingDebt: existingDebtSchema.nullable().default(null)
    })
    .strict()
    .refine((f) => f.rules.every((r) => r.bond === null || r.bond in f.bonds), {
      message: 'a rule names a bond type that is not defined'
    })
    .refine((f) => f.rules.every((r) => r.fundFrom == null || r.fundFrom in f.funds), {
      message: 'a rule names a fund that is not defined'
    })
);
export type FundingParams = z.infer<typeof fundingParamsSchema>;

/** One bond's yearly repayment (year k = 1 … years after issue). */
export interface Repayment {
  principal: number[];
  interest: number[];
}

/** The schedule of a bond of `amount` yen (see the module's conventions). */
export function repaymentSchedule(
  amount: number,
  terms: Omit<BondTerms, 'label' | 'coverage' | 'allowance' | 'source'>
): Repayment {
  const { rate, years, grace, method } = terms;
  const n = years - grace;
  const principal = new Array<number>(years).fill(0);
  const interest = new Array<number>(years).fill(0);
  const equalPrincipal = Math.floor(amount / n);
  const annuity = rate === 0 ? amount / n : Math.round((amount * rate) / (1 - (1 + rate) ** -n));
  let outstanding = amount;
  for (let k = 0; k < years; k++) {
    interest[k] = Math.round(outstanding * rate);
    if (k < grace) continue;
    const p =
      k === years - 1
        ? outstanding
        : method === 'equal_principal'
          ? equalPrincipal
          : Math.min(outstanding, annuity - interest[k]!);
    principal[k] = p;
    outstanding -= p;
  }
  return { principal, interest };
}

/** One fund's year. */
export interface FundYear {
  opening: number;
  deposit: number;
  drawn: number;
  /** What the rules asked of it beyond its balance (moved to general revenue). */
  shortfall: number;
  closing: number;
}

/** Money per year, by where it comes from. */
export interface FundingYear {
  year: number;
  cost: number;
  subsidy: number;
  bond: number;
  /** Drawn from the funds (all of them). */
  fund: number;
  general: number;
  /** What the rules asked of the funds beyond their balances (moved to general revenue). */
  fundShortfall: number;
  principal: number;
  interest: number;
  /** 地方債残高 at the end of the year (this plan's bonds). */
  outstanding: number;
  allowance: number;
  /** The funds' sums; each fund's year in `funds`, by key. */
  fundOpening: number;
  fundDeposit: number;
  fundClosing: number;
  funds: Record<string, FundYear>;
  /** The city's existing debt this year (0 without it): 元利償還金 and what is left at the end. */
  existingService: number;
  existingOutstanding: number;
  /** 一般財源 the plan costs this year: general revenue for works + debt service − 交付税措置. */
  generalBurden: number;
  /** This plan's contributions to the ratios (0–1), or null without the 標準財政規模. */
  debtServiceRatio: number | null;
  futureBurdenRatio: number | null;
  /** The ratios with the existing debt and the plan (approximations), or null without either. */
  debtServiceRatioTotal: number | null;
  futureBurdenRatioTotal: number | null;
}

export interface FundingResult {
  years: FundingYear[];
  /** Years whose drawdowns exceeded a fund (the rest moved to general revenue). */
  shortfallYears: number[];
  /** The same by fund (its key → its short years). */
  fundShortfallYears: Record<string, number[]>;
  /** Debt service still due after the horizon (principal + interest). */
  debtAfterHorizon: number;
}

/** The first rule that matches (or general revenue alone). */
function ruleFor(
  rules: readonly FundingRule[],
  assetClass: AssetClass,
  category: string | undefined,
  measure: Measure
) {
  return rules.find(
    (r) =>
      (r.assetClass === 'all' || r.assetClass === assetClass) &&
      (r.category === undefined || r.category === category) &&
      (r.measure === 'all' || r.measure === measure)
  );
}

/** What a plan's works cost per (asset class, use, work type) per year of the horizon. */
export type PlanCosts = readonly {
  assetClass: AssetClass;
  /** The building use category (for rules limited to one). */
  category?: string;
  workType: WorkType;
  perYear: readonly number[];
}[];

/** The plan's bonds' debt service, year by year (arrays over the horizon). */
class DebtBook {
  readonly principal: number[];
  readonly interest: number[];
  readonly allowance: number[];
  readonly outstanding: number[];
  /** Future 交付税措置 on the debt outstanding at the end of each year. */
  readonly futureAllowance: number[];
  afterHorizon = 0;

  constructor(private readonly years: number) {
    const zeros = () => new Array<number>(years).fill(0);
    this.principal = zeros();
    this.interest = zeros();
    this.allowance = zeros();
    this.outstanding = zeros();
    this.futureAllowance = zeros();
  }

  /** A bond of `amount` issued at the end of year `t`. */
  issue(t: number, amount: number, terms: BondTerms) {
    const s = repaymentSchedule(amount, terms);
    const owe = (at: number, left: number) => {
      this.outstanding[at]! += left;
      this.futureAllowance[at]! += left * terms.allowance;
    };
    let left = amount;
    owe(t, left);
    for (let k = 0; k < terms.years; k++) {
      const at = t + 1 + k;
      const paid = s.principal[k]! + s.interest[k]!;
      left -= s.principal[k]!;
      if (at >= this.years) {
        this.afterHorizon += paid;
        continue;
      }
      this.principal[at]! += s.principal[k]!;
      this.interest[at]! += s.interest[k]!;
      this.allowance[at]! += paid * terms.allowance;
      if (left > 0) owe(at, left);
    }
  }
}

/**
 * The funding of a plan: `costs` per (asset class, work type) per year of the horizon (the money
 * the plan spends), from `startYear`.
 */
export function fundPlan(
  costs: PlanCosts,
  startYear: number,
  years: number,
  params: FundingParams
): FundingResult {
  const out: FundingYear[] = [];
  const debt = new DebtBook(years);
  const fundKeys = Object.keys(params.funds);
  const balance = new Map(fundKeys.map((k) => [k, params.funds[k]!.opening]));
  const fundShortfallYears: Record<string, number[]> = Object.fromEntries(
    fundKeys.map((k) => [k, []])
  );

  for (let t = 0; t < years; t++) {
    const funds: Record<string, FundYear> = {};
    for (const k of fundKeys) {
      const opening = balance.get(k)!;
      const deposit = params.funds[k]!.deposit;
      funds[k] = { opening, deposit, drawn: 0, shortfall: 0, closing: opening + deposit };
    }
    const y = emptyYear(startYear + t, funds);
    const issued = new Map<string, number>();
    for (const c of costs) {
      const cost = c.perYear[t] ?? 0;
      if (cost <= 0) continue;
      const rule = ruleFor(params.rules, c.assetClass, c.category, MEASURE_OF[c.workType]);
      const subsidy = rule ? cost * rule.subsidy : 0;
      const terms = rule?.bond ? params.bonds[rule.bond] : undefined;
      const bond = terms ? (cost - subsidy) * terms.coverage : 0;
      const wanted = rule ? (cost - subsidy - bond) * rule.fund : 0;
      const from = funds[rule?.fundFrom ?? fundKeys[0]!]!;
      const fund = Math.min(wanted, Math.max(0, from.closing));
      from.closing -= fund;
      from.drawn += fund;
      from.shortfall += wanted - fund;
      y.cost += cost;
      y.subsidy += subsidy;
      y.bond += bond;
      y.fund += fund;
      y.fundShortfall += wanted - fund;
      y.general += cost - subsidy - bond - fund;
      if (terms && bond > 0) issued.set(rule!.bond!, (issued.get(rule!.bond!) ?? 0) + bond);
    }
    for (const [type, amount] of issued) debt.issue(t, amount, params.bonds[type]!);
    for (const k of fundKeys) {
      const f = funds[k]!;
      balance.set(k, f.closing);
      y.fundOpening += f.opening;
      y.fundDeposit += f.deposit;
      y.fundClosing += f.closing;
      if (f.shortfall > 0.5) fundShortfallYears[k]!.push(y.year);
    }
    out.push(y);
  }
  for (let t = 0; t < years; t++) {
    const y = out[t]!;
    y.principal = debt.principal[t]!;
    y.interest = debt.interest[t]!;
    y.allowance = debt.allowance[t]!;
    y.outstanding = debt.outstanding[t]!;
    y.generalBurden = y.general + y.principal + y.interest - y.allowance;
  }
  indicators(out, debt, params);
  return {
    years: out,
    shortfallYears: out.filter((y) => y.fundShortfall > 0.5).map((y) => y.year),
    fundShortfallYears,
    debtAfterHorizon: debt.afterHorizon
  };
}

function emptyYear(year: number, funds: Record<string, FundYear>): FundingYear {
  return {
    year,
    cost: 0,
    subsidy: 0,
    bond: 0,
    fund: 0,
    general: 0,
    fundShortfall: 0,
    principal: 0,
    interest: 0,
    outstanding: 0,
    allowance: 0,
    fundOpening: 0,
    fundDeposit: 0,
    fundClosing: 0,
    funds,
    existingService: 0,
    existingOutstanding: 0,
    generalBurden: 0,
    debtServiceRatio: null,
    futureBurdenRatio: null,
    debtServiceRatioTotal: null,
    futureBurdenRatioTotal: null
  };
}

/**
 * The existing debt's run-off and the ratios, each year (see the module's conventions): the plan's
 * contribution is the ratio with its works less the ratio without them.
 */
function indicators(out: FundingYear[], debt: DebtBook, params: FundingParams) {
  const existing = params.existingDebt;
  const size = params.standardFiscalSize;
  const funds = Object.values(params.funds);
  const opening = funds.reduce((a, f) => a + f.opening, 0);
  const deposit = funds.reduce((a, f) => a + f.deposit, 0);
  let left = existing?.outstanding ?? 0;
  out.forEach((y, t) => {
    const service = existing ? Math.min(existing.service, left) : 0;
    left -= service;
    y.existingService = service;
    y.existingOutstanding = left;
    if (!size) return;
    const a = existing?.allowance ?? 0;
    const ratios = (s: number, allowance: number, owed: number, fundsHeld: number) => {
      const denominator = size - allowance;
      if (denominator <= 0) return null;
      return {
        debt: (s - allowance) / denominator,
        future: Math.max(0, owed - fundsHeld) / denominator
      };
    };
    const without = ratios(service, service * a, left * (1 - a), opening + deposit * (t + 1));
    const withPlan = ratios(
      service + y.principal + y.interest,
      service * a + y.allowance,
      left * (1 - a) + y.outstanding - debt.futureAllowance[t]!,
      y.fundClosing
    );
    if (!without || !withPlan) return;
    y.debtServiceRatio = withPlan.debt - without.debt;
    y.futureBurdenRatio = withPlan.future - without.future;
    if (existing) {
      y.debtServiceRatioTotal = withPlan.debt;
      y.futureBurdenRatioTotal = withPlan.future;
    }
  });
}
