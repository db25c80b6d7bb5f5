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
 * - Indicators (this plan's contribution, not the official ratio): 実質公債費比率 ≈ (公債費 −
 *   交付税措置) ÷ (標準財政規模 − 交付税措置); 将来負担比率 ≈ (地方債残高 − the outstanding debt's
 *   future 交付税措置 − 基金残高) ÷ (標準財政規模 − 交付税措置), both without the three-year average.
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
    source: z.string().max(300).default('')
  })
  .strict();
export type FundingRule = z.infer<typeof fundingRuleSchema>;

export const fundingParamsSchema = z
  .object({
    bonds: z.record(z.string().min(1).max(40), bondTermsSchema),
    /** The first rule that matches a work's class and measure applies ('all' matches any). */
    rules: z.array(fundingRuleSchema).max(60),
    fund: z.object({ label: z.string().max(100), opening: yen, deposit: yen }).strict(),
    /** 標準財政規模 (yen a year) for the indicators; null: not shown. */
    standardFiscalSize: yen.nullable().default(null)
  })
  .strict()
  .refine((f) => f.rules.every((r) => r.bond === null || r.bond in f.bonds), {
    message: 'a rule names a bond type that is not defined'
  });
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

/** Money per year, by where it comes from. */
export interface FundingYear {
  year: number;
  cost: number;
  subsidy: number;
  bond: number;
  fund: number;
  general: number;
  /** What the rules asked of the fund beyond its balance (moved to general revenue). */
  fundShortfall: number;
  principal: number;
  interest: number;
  /** 地方債残高 at the end of the year (this plan's bonds). */
  outstanding: number;
  allowance: number;
  fundOpening: number;
  fundDeposit: number;
  fundClosing: number;
  /** 一般財源 the plan costs this year: general revenue for works + debt service − 交付税措置. */
  generalBurden: number;
  /** Contributions to the ratios (0–1), or null without the 標準財政規模. */
  debtServiceRatio: number | null;
  futureBurdenRatio: number | null;
}

export interface FundingResult {
  years: FundingYear[];
  /** Years whose drawdowns exceeded the fund (the rest moved to general revenue). */
  shortfallYears: number[];
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

/**
 * The funding of a plan: `costs` per (asset class, work type) per year of the horizon (the money
 * the plan spends), from `startYear`.
 */
export function fundPlan(
  costs: readonly {
    assetClass: AssetClass;
    /** The building use category (for rules limited to one). */
    category?: string;
    workType: WorkType;
    perYear: readonly number[];
  }[],
  startYear: number,
  years: number,
  params: FundingParams
): FundingResult {
  const out: FundingYear[] = [];
  // Bonds issued per year and type: the debt service falls in the years after.
  const principal = new Array<number>(years).fill(0);
  const interest = new Array<number>(years).fill(0);
  const allowance = new Array<number>(years).fill(0);
  const outstandingAfter = new Array<number>(years).fill(0);
  /** Future 交付税措置 on the debt outstanding at the end of each year. */
  const futureAllowance = new Array<number>(years).fill(0);
  let debtAfterHorizon = 0;
  let balance = params.fund.opening;
  const shortfallYears: number[] = [];

  for (let t = 0; t < years; t++) {
    const y: FundingYear = {
      year: startYear + t,
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
      fundOpening: balance,
      fundDeposit: params.fund.deposit,
      fundClosing: 0,
      generalBurden: 0,
      debtServiceRatio: null,
      futureBurdenRatio: null
    };
    let available = balance + params.fund.deposit;
    const issued = new Map<string, number>();
    for (const c of costs) {
      const cost = c.perYear[t] ?? 0;
      if (cost <= 0) continue;
      const rule = ruleFor(params.rules, c.assetClass, c.category, MEASURE_OF[c.workType]);
      const subsidy = rule ? cost * rule.subsidy : 0;
      const terms = rule?.bond ? params.bonds[rule.bond] : undefined;
      const bond = terms ? (cost - subsidy) * terms.coverage : 0;
      const wanted = rule ? (cost - subsidy - bond) * rule.fund : 0;
      const fund = Math.min(wanted, Math.max(0, available));
      available -= fund;
      y.cost += cost;
      y.subsidy += subsidy;
      y.bond += bond;
      y.fund += fund;
      y.fundShortfall += wanted - fund;
      y.general += cost - subsidy - bond - fund;
      if (terms && bond > 0) issued.set(rule!.bond!, (issued.get(rule!.bond!) ?? 0) + bond);
    }
    for (const [type, amount] of issued) {
      const terms = params.bonds[type]!;
      const s = repaymentSchedule(amount, terms);
      const owe = (at: number, left: number) => {
        outstandingAfter[at]! += left;
        futureAllowance[at]! += left * terms.allowance;
      };
      let left = amount;
      owe(t, left);
      for (let k = 0; k < terms.years; k++) {
        const at = t + 1 + k;
        const paid = s.principal[k]! + s.interest[k]!;
        left -= s.principal[k]!;
        if (at >= years) {
          debtAfterHorizon += paid;
          continue;
        }
        principal[at]! += s.principal[k]!;
        interest[at]! += s.interest[k]!;
        allowance[at]! += paid * terms.allowance;
        if (left > 0) owe(at, left);
      }
    }
    balance = available;
    y.fundClosing = balance;
    if (y.fundShortfall > 0.5) shortfallYears.push(y.year);
    out.push(y);
  }
  for (let t = 0; t < years; t++) {
    const y = out[t]!;
    y.principal = principal[t]!;
    y.interest = interest[t]!;
    y.allowance = allowance[t]!;
    y.outstanding = outstandingAfter[t]!;
    y.generalBurden = y.general + y.principal + y.interest - y.allowance;
    const size = params.standardFiscalSize;
    if (size) {
      const denominator = size - y.allowance;
      y.debtServiceRatio =
        denominator > 0 ? (y.principal + y.interest - y.allowance) / denominator : null;
      y.futureBurdenRatio =
        denominator > 0
          ? Math.max(0, y.outstanding - futureAllowance[t]! - y.fundClosing) / denominator
          : null;
    }
  }
  return { years: out, shortfallYears, debtAfterHorizon };
}
