/**
 * The scenario page's funding form, both ways: a scenario's finance model as the text of its
 * fields (percentages, 億円, years) and the fields back as the model — each problem named by its
 * field. Finance edits the funds (and adds or removes them), the bond types' terms (and adds or
 * removes them), the rules (their class, use, measure, rates, bond and fund; a new rule goes
 * first, since the first rule that matches applies), the 標準財政規模 and the existing debt.
 */
import {
  MAX_BONDS,
  MAX_FUNDS,
  MAX_RULES,
  MEASURES,
  fundingParamsSchema,
  type BondTerms,
  type FundingParams,
  type FundingRule
} from './engine/funding';
import { BUILDING_CATEGORIES } from './engine/asset-classes';
import { parseDecimal } from './strict-input';

const pct = (v: number) => String(Math.round(v * 1e6) / 1e4);
const oku = (yen: number) => String(Math.round((yen / 1e8) * 1e4) / 1e4);

export const RULE_CLASSES = [
  'all',
  'building',
  'road',
  'bridge',
  'water_pipe',
  'sewer_pipe'
] as const;

/** The form's row for a new fund, bond type or rule. */
export const NEW = 'new';

/** Field names: `bond.KEY.rate`, `rule.N.subsidy`, `fund.KEY.opening` … */
export function fundingFormText(f: FundingParams): Record<string, string> {
  const out: Record<string, string> = {
    standardFiscalSize: f.standardFiscalSize === null ? '' : oku(f.standardFiscalSize),
    'existing.outstanding': f.existingDebt ? oku(f.existingDebt.outstanding) : '',
    'existing.service': f.existingDebt ? oku(f.existingDebt.service) : '',
    'existing.allowance': f.existingDebt ? pct(f.existingDebt.allowance) : ''
  };
  for (const [key, fund] of Object.entries(f.funds)) {
    out[`fund.${key}.label`] = fund.label;
    out[`fund.${key}.opening`] = oku(fund.opening);
    out[`fund.${key}.deposit`] = oku(fund.deposit);
  }
  for (const [key, b] of Object.entries(f.bonds)) {
    out[`bond.${key}.label`] = b.label;
    out[`bond.${key}.coverage`] = pct(b.coverage);
    out[`bond.${key}.allowance`] = pct(b.allowance);
    out[`bond.${key}.rate`] = pct(b.rate);
    out[`bond.${key}.years`] = String(b.years);
    out[`bond.${key}.grace`] = String(b.grace);
    out[`bond.${key}.method`] = b.method;
  }
  f.rules.forEach((r, n) => {
    out[`rule.${n}.class`] = r.assetClass;
    out[`rule.${n}.category`] = r.category ?? '';
    out[`rule.${n}.measure`] = r.measure;
    out[`rule.${n}.subsidy`] = pct(r.subsidy);
    out[`rule.${n}.bond`] = r.bond ?? '';
    out[`rule.${n}.fund`] = pct(r.fund);
    out[`rule.${n}.fundFrom`] = r.fundFrom ?? '';
  });
  return out;
}

type Problems = Record<string, { ja: string; en: string }>;
type Get = (name: string) => string;

const PERCENT = { ja: '0〜100 の %', en: 'a percentage from 0 to 100' };
const OKU = { ja: '0〜100,000 の億円', en: 'an amount in 100M yen from 0 to 100,000' };

/** Reads numbers from the fields, noting each bad one. */
class FieldReader {
  readonly problems: Problems = {};
  constructor(readonly get: Get) {}

  problem(name: string, ja: string, en: string) {
    this.problems[name] ??= { ja, en };
  }

  number(
    name: string,
    min: number,
    max: number,
    what: { ja: string; en: string },
    options: { integer?: boolean; empty?: number | null } = {}
  ): number | null {
    const raw = this.get(name).trim();
    if (raw === '' && options.empty !== undefined) return options.empty;
    const v = parseDecimal(raw);
    if (v === null || v < min || v > max || (options.integer && !Number.isInteger(v))) {
      this.problem(
        name,
        `${what.ja}（入力：「${raw.slice(0, 20)}」）`,
        `${what.en} (got "${raw.slice(0, 20)}")`
      );
      return null;
    }
    return v;
  }

  /** A share from its % field; a field left as shown keeps the exact value (1/3 stays 1/3). */
  share(name: string, was: number | null) {
    if (was !== null && this.get(name).trim() === pct(was)) return was;
    if (was === null && this.get(name).trim() === '') return 0; // a new row's rate left empty
    return (this.number(name, 0, 100, PERCENT) ?? 0) / 100;
  }

  /** Yen from a 億円 field (empty: `empty`). */
  yen(name: string, empty: number | null = 0) {
    const v = this.number(name, 0, 100_000, OKU, { empty });
    return v === null ? null : Math.round(v * 1e8);
  }

  label(name: string) {
    return this.get(name).trim().slice(0, 100);
  }
}

/** A key for a new fund or bond type that the model does not use yet. */
function freshKey(prefix: string, taken: object) {
  let n = 1;
  while (`${prefix}_${n}` in taken) n++;
  return `${prefix}_${n}`;
}

function readFunds(r: FieldReader, base: FundingParams): FundingParams['funds'] {
  const funds: FundingParams['funds'] = {};
  for (const key of Object.keys(base.funds)) {
    const label = r.label(`fund.${key}.label`);
    const opening = r.yen(`fund.${key}.opening`);
    const deposit = r.yen(`fund.${key}.deposit`);
    if (label === '') continue; // emptied: removed
    funds[key] = { label, opening: opening ?? 0, deposit: deposit ?? 0 };
  }
  const label = r.label(`fund.${NEW}.label`);
  if (label !== '') {
    const opening = r.yen(`fund.${NEW}.opening`);
    const deposit = r.yen(`fund.${NEW}.deposit`);
    if (Object.keys(funds).length >= MAX_FUNDS)
      r.problem(`fund.${NEW}.label`, `基金は ${MAX_FUNDS} まで`, `at most ${MAX_FUNDS} funds`);
    else
      funds[freshKey('fund', base.funds)] = { label, opening: opening ?? 0, deposit: deposit ?? 0 };
  }
  if (Object.keys(funds).length === 0)
    r.problem(
      `fund.${Object.keys(base.funds)[0]}.label`,
      '基金を少なくとも一つ残してください',
      'keep at least one fund'
    );
  return funds;
}

function readBond(r: FieldReader, row: string, was: BondTerms | null): BondTerms {
  const method = r.get(`bond.${row}.method`);
  if (method !== 'annuity' && method !== 'equal_principal')
    r.problem(`bond.${row}.method`, '元利均等か元金均等', 'equal payments or equal principal');
  const years = r.number(
    `bond.${row}.years`,
    1,
    60,
    { ja: '1〜60 年', en: '1 to 60 years' },
    { integer: true }
  );
  const grace = r.number(
    `bond.${row}.grace`,
    0,
    20,
    { ja: '0〜20 年', en: '0 to 20 years' },
    { integer: true }
  );
  if (years !== null && grace !== null && grace >= years)
    r.problem(
      `bond.${row}.grace`,
      `据置期間（${grace}年）は償還年限（${years}年）より短く`,
      `the grace period (${grace}) must be shorter than the term (${years})`
    );
  const rate = r.number(`bond.${row}.rate`, 0, 20, {
    ja: '0〜20 の %',
    en: 'a percentage from 0 to 20'
  });
  return {
    label: r.label(`bond.${row}.label`),
    coverage: r.share(`bond.${row}.coverage`, was?.coverage ?? null),
    allowance: r.share(`bond.${row}.allowance`, was?.allowance ?? null),
    rate: (rate ?? 0) / 100,
    years: years ?? was?.years ?? 1,
    grace: grace ?? was?.grace ?? 0,
    method: method === 'equal_principal' ? 'equal_principal' : 'annuity',
    source: was?.source ?? ''
  };
}

function readBonds(r: FieldReader, base: FundingParams): FundingParams['bonds'] {
  const bonds: FundingParams['bonds'] = {};
  for (const [key, b] of Object.entries(base.bonds)) {
    if (r.label(`bond.${key}.label`) === '') continue; // emptied: removed
    bonds[key] = readBond(r, key, b);
  }
  if (r.label(`bond.${NEW}.label`) !== '') {
    if (Object.keys(bonds).length >= MAX_BONDS)
      r.problem(
        `bond.${NEW}.label`,
        `起債の種類は ${MAX_BONDS} まで`,
        `at most ${MAX_BONDS} bond types`
      );
    else bonds[freshKey('bond', base.bonds)] = readBond(r, NEW, null);
  }
  return bonds;
}

/** A rule's row (an existing rule's index, or `new`), or null for a new row left empty. */
function readRule(
  r: FieldReader,
  row: string,
  was: FundingRule | null,
  bonds: FundingParams['bonds'],
  funds: FundingParams['funds']
): FundingRule | null {
  const assetClass = r.get(`rule.${row}.class`);
  if (was === null && assetClass === '') return null;
  if (!(RULE_CLASSES as readonly string[]).includes(assetClass))
    r.problem(`rule.${row}.class`, '資産の種類から選んでください', 'choose an asset class');
  const measure = r.get(`rule.${row}.measure`);
  if (measure !== 'all' && !(MEASURES as readonly string[]).includes(measure))
    r.problem(`rule.${row}.measure`, '対策の種類から選んでください', 'choose a kind of work');
  const category = r.get(`rule.${row}.category`);
  if (category !== '' && !(BUILDING_CATEGORIES as readonly string[]).includes(category))
    r.problem(`rule.${row}.category`, '用途から選んでください', 'choose a use');
  if (category !== '' && assetClass !== 'building')
    r.problem(
      `rule.${row}.category`,
      '用途を限るのは建物の規則だけです',
      'only a building rule may be limited to a use'
    );
  const bond = r.get(`rule.${row}.bond`);
  if (bond !== '' && !(bond in bonds))
    r.problem(
      `rule.${row}.bond`,
      '起債の種類から選んでください（削除した種類を使っています）',
      'choose a bond type (this one is removed)'
    );
  const fundFrom = r.get(`rule.${row}.fundFrom`);
  if (fundFrom !== '' && !(fundFrom in funds))
    r.problem(
      `rule.${row}.fundFrom`,
      '基金から選んでください（削除した基金を使っています）',
      'choose a fund (this one is removed)'
    );
  const rule: FundingRule = {
    assetClass: assetClass as FundingRule['assetClass'],
    measure: measure as FundingRule['measure'],
    subsidy: r.share(`rule.${row}.subsidy`, was?.subsidy ?? null),
    bond: bond === '' ? null : bond,
    fund: r.share(`rule.${row}.fund`, was?.fund ?? null),
    source: was?.source ?? ''
  };
  if (category !== '') rule.category = category;
  if (fundFrom !== '') rule.fundFrom = fundFrom;
  return rule;
}

function readRules(
  r: FieldReader,
  base: FundingParams,
  bonds: FundingParams['bonds'],
  funds: FundingParams['funds']
): FundingRule[] {
  const rules: FundingRule[] = [];
  const added = readRule(r, NEW, null, bonds, funds);
  if (added) rules.push(added);
  base.rules.forEach((was, n) => {
    if (r.get(`rule.${n}.remove`) !== '') return;
    rules.push(readRule(r, String(n), was, bonds, funds)!);
  });
  if (rules.length > MAX_RULES)
    r.problem(`rule.${NEW}.class`, `規則は ${MAX_RULES} まで`, `at most ${MAX_RULES} rules`);
  return rules;
}

function readExistingDebt(r: FieldReader): FundingParams['existingDebt'] {
  const fields = ['outstanding', 'service', 'allowance'].map((f) => `existing.${f}`);
  if (fields.every((f) => r.get(f).trim() === '')) return null;
  const outstanding = r.yen('existing.outstanding', null);
  const service = r.yen('existing.service', null);
  const allowance = r.number('existing.allowance', 0, 100, PERCENT, { empty: 0 });
  if (outstanding === null)
    r.problem('existing.outstanding', '地方債現在高を億円で', 'the outstanding debt in 100M yen');
  if (service === null)
    r.problem('existing.service', '元利償還金を億円で', 'the yearly debt service in 100M yen');
  return {
    outstanding: outstanding ?? 0,
    service: service ?? 0,
    allowance: (allowance ?? 0) / 100
  };
}

/**
 * The fields as a finance model edited from `base` (its funds, bond types and rules), or the
 * problems by field (Japanese and English).
 */
export function readFundingForm(
  get: Get,
  base: FundingParams
): { ok: true; funding: FundingParams } | { ok: false; problems: Problems } {
  const r = new FieldReader(get);
  const funds = readFunds(r, base);
  const bonds = readBonds(r, base);
  const rules = readRules(r, base, bonds, funds);
  const funding = {
    bonds,
    rules,
    funds,
    standardFiscalSize: r.yen('standardFiscalSize', null),
    existingDebt: readExistingDebt(r)
  };
  if (Object.keys(r.problems).length) return { ok: false, problems: r.problems };
  const checked = fundingParamsSchema.safeParse(funding);
  if (!checked.success)
    return {
      ok: false,
      problems: {
        funding: { ja: '財源の設定が正しくありません', en: checked.error.issues[0]!.message }
      }
    };
  return { ok: true, funding: checked.data };
}
