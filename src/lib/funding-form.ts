/**
 * The scenario page's funding form, both ways: a scenario's finance model as the text of its
 * fields (percentages, 億円, years) and the fields back as the model — each problem named by its
 * field. The rules' shape (which class and measure each covers, in order) is kept as it is; the
 * form edits their rates, the bonds' terms, the fund and the 標準財政規模.
 */
import { fundingParamsSchema, type FundingParams } from './engine/funding';
import { parseDecimal } from './strict-input';

const pct = (v: number) => String(Math.round(v * 1e6) / 1e4);
const oku = (yen: number) => String(Math.round((yen / 1e8) * 1e4) / 1e4);

/** Field names: `bond.KEY.rate`, `rule.N.subsidy`, `fund.opening` … */
export function fundingFormText(f: FundingParams): Record<string, string> {
  const out: Record<string, string> = {
    'fund.label': f.fund.label,
    'fund.opening': oku(f.fund.opening),
    'fund.deposit': oku(f.fund.deposit),
    standardFiscalSize: f.standardFiscalSize === null ? '' : oku(f.standardFiscalSize)
  };
  for (const [key, b] of Object.entries(f.bonds)) {
    out[`bond.${key}.coverage`] = pct(b.coverage);
    out[`bond.${key}.allowance`] = pct(b.allowance);
    out[`bond.${key}.rate`] = pct(b.rate);
    out[`bond.${key}.years`] = String(b.years);
    out[`bond.${key}.grace`] = String(b.grace);
    out[`bond.${key}.method`] = b.method;
  }
  f.rules.forEach((r, n) => {
    out[`rule.${n}.subsidy`] = pct(r.subsidy);
    out[`rule.${n}.bond`] = r.bond ?? '';
    out[`rule.${n}.fund`] = pct(r.fund);
  });
  return out;
}

/**
 * The fields as a finance model shaped like `base` (its bond types and rules), or the problems by
 * field (Japanese and English).
 */
export function readFundingForm(
  get: (name: string) => string,
  base: FundingParams
):
  | { ok: true; funding: FundingParams }
  | { ok: false; problems: Record<string, { ja: string; en: string }> } {
  const problems: Record<string, { ja: string; en: string }> = {};
  const number = (
    name: string,
    min: number,
    max: number,
    what: { ja: string; en: string },
    options: { integer?: boolean; empty?: number | null } = {}
  ): number | null => {
    const raw = get(name).trim();
    if (raw === '' && options.empty !== undefined) return options.empty;
    const v = parseDecimal(raw);
    if (v === null || v < min || v > max || (options.integer && !Number.isInteger(v))) {
      problems[name] = {
        ja: `${what.ja}（入力：「${raw.slice(0, 20)}」）`,
        en: `${what.en} (got "${raw.slice(0, 20)}")`
      };
      return null;
    }
    return v;
  };
  const percent = { ja: '0〜100 の %', en: 'a percentage from 0 to 100' };
  /** A share from its % field; a field left as shown keeps the exact value (1/3 stays 1/3). */
  const share = (name: string, was: number) => {
    if (get(name).trim() === pct(was)) return was;
    return (number(name, 0, 100, percent) ?? 0) / 100;
  };
  const okuRange = { ja: '0〜100,000 の億円', en: 'an amount in 100M yen from 0 to 100,000' };
  const bonds: FundingParams['bonds'] = {};
  for (const [key, b] of Object.entries(base.bonds)) {
    const method = get(`bond.${key}.method`);
    if (method !== 'annuity' && method !== 'equal_principal')
      problems[`bond.${key}.method`] = {
        ja: '元利均等か元金均等',
        en: 'equal payments or equal principal'
      };
    const years = number(
      `bond.${key}.years`,
      1,
      60,
      { ja: '1〜60 年', en: '1 to 60 years' },
      { integer: true }
    );
    const grace = number(
      `bond.${key}.grace`,
      0,
      20,
      { ja: '0〜20 年', en: '0 to 20 years' },
      { integer: true }
    );
    if (years !== null && grace !== null && grace >= years)
      problems[`bond.${key}.grace`] = {
        ja: `据置期間（${grace}年）は償還年限（${years}年）より短く`,
        en: `the grace period (${grace}) must be shorter than the term (${years})`
      };
    bonds[key] = {
      ...b,
      coverage: share(`bond.${key}.coverage`, b.coverage),
      allowance: share(`bond.${key}.allowance`, b.allowance),
      rate:
        (number(`bond.${key}.rate`, 0, 20, { ja: '0〜20 の %', en: 'a percentage from 0 to 20' }) ??
          0) / 100,
      years: years ?? b.years,
      grace: grace ?? b.grace,
      method: method === 'equal_principal' ? 'equal_principal' : 'annuity'
    };
  }
  const rules = base.rules.map((r, n) => {
    const bond = get(`rule.${n}.bond`);
    if (bond !== '' && !(bond in base.bonds))
      problems[`rule.${n}.bond`] = { ja: '起債の種類から選んでください', en: 'choose a bond type' };
    return {
      ...r,
      subsidy: share(`rule.${n}.subsidy`, r.subsidy),
      bond: bond === '' ? null : bond,
      fund: share(`rule.${n}.fund`, r.fund)
    };
  });
  const opening = number('fund.opening', 0, 100_000, okuRange, { empty: 0 });
  const deposit = number('fund.deposit', 0, 100_000, okuRange, { empty: 0 });
  const size = number('standardFiscalSize', 0, 100_000, okuRange, { empty: null });
  if (Object.keys(problems).length) return { ok: false, problems };
  const funding = {
    bonds,
    rules,
    fund: {
      label: get('fund.label').trim().slice(0, 100) || base.fund.label,
      opening: Math.round(opening! * 1e8),
      deposit: Math.round(deposit! * 1e8)
    },
    standardFiscalSize: size === null ? null : Math.round(size * 1e8)
  };
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
