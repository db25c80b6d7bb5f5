import { describe, expect, it } from 'vitest';
import { fundingFormText, readFundingForm } from './funding-form';
import { DEFAULT_FUNDING } from './engine/funding-defaults';

const reader = (fields: Record<string, string>) => (name: string) => fields[name] ?? '';

describe('the funding form', () => {
  it('reads back what it shows', () => {
    const read = readFundingForm(reader(fundingFormText(DEFAULT_FUNDING)), DEFAULT_FUNDING);
    expect(read).toEqual({ ok: true, funding: DEFAULT_FUNDING });
  });
  it('takes percentages and 億円, and names each bad field in both languages', () => {
    const text = fundingFormText(DEFAULT_FUNDING);
    const read = readFundingForm(
      reader({
        ...text,
        'bond.general.rate': '1.25',
        'fund.facilities.opening': '12.5',
        'bond.general.grace': '20',
        'bond.general.years': '20',
        'rule.0.subsidy': '150',
        'rule.1.bond': 'nope'
      }),
      DEFAULT_FUNDING
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(Object.keys(read.problems).sort()).toEqual([
      'bond.general.grace',
      'rule.0.subsidy',
      'rule.1.bond'
    ]);
    expect(read.problems['bond.general.grace']!.ja).toMatch(
      /据置期間（20年）は償還年限（20年）より短く/
    );
    const ok = readFundingForm(
      reader({ ...text, 'bond.general.rate': '1.25', 'fund.facilities.opening': '12.5' }),
      DEFAULT_FUNDING
    );
    expect(ok.ok && ok.funding.bonds.general!.rate).toBe(0.0125);
    expect(ok.ok && ok.funding.funds.facilities!.opening).toBe(1_250_000_000);
  });

  it('adds a fund, a bond type and a rule (first), removes a rule, and takes the existing debt', () => {
    const text = fundingFormText(DEFAULT_FUNDING);
    const last = DEFAULT_FUNDING.rules.length - 1;
    const fields = (service: string) =>
      reader({
        ...text,
        'fund.new.label': '学校施設整備基金',
        'fund.new.opening': '3',
        'fund.new.deposit': '0.5',
        'bond.new.label': '緊急防災・減災事業債',
        'bond.new.coverage': '100',
        'bond.new.allowance': '70',
        'bond.new.rate': '0.8',
        'bond.new.years': '15',
        'bond.new.grace': '2',
        'bond.new.method': 'equal_principal',
        'rule.new.class': 'building',
        'rule.new.category': 'school',
        'rule.new.measure': 'renovation',
        'rule.new.subsidy': '50',
        'rule.new.bond': 'bond_1',
        'rule.new.fund': '100',
        'rule.new.fundFrom': 'fund_1',
        [`rule.${last}.remove`]: 'on',
        'existing.outstanding': '300',
        'existing.service': service,
        'existing.allowance': '45'
      });
    const read = readFundingForm(fields('30,5'), DEFAULT_FUNDING);
    expect(read.ok).toBe(false); // 30,5 is not a number here (a comma separates thousands)
    if (read.ok) return;
    expect(Object.keys(read.problems)).toEqual(['existing.service']);
    const fixed = readFundingForm(fields('30.5'), DEFAULT_FUNDING);
    expect(fixed.ok).toBe(true);
    if (!fixed.ok) return;
    const f = fixed.funding;
    expect(f.funds.fund_1).toEqual({ label: '学校施設整備基金', opening: 3e8, deposit: 5e7 });
    expect(f.bonds.bond_1).toMatchObject({ coverage: 1, allowance: 0.7, rate: 0.008, years: 15 });
    expect(f.rules[0]).toEqual({
      assetClass: 'building',
      category: 'school',
      measure: 'renovation',
      subsidy: 0.5,
      bond: 'bond_1',
      fund: 1,
      fundFrom: 'fund_1',
      source: ''
    });
    expect(f.rules.length).toBe(DEFAULT_FUNDING.rules.length);
    expect(f.rules.at(-1)).toEqual(DEFAULT_FUNDING.rules.at(-2));
    expect(f.existingDebt).toEqual({ outstanding: 300e8, service: 30.5e8, allowance: 0.45 });
  });
  it('refuses to remove a fund or bond type a rule still uses, naming the rule', () => {
    const text = fundingFormText(DEFAULT_FUNDING);
    const read = readFundingForm(reader({ ...text, 'bond.general.label': '' }), DEFAULT_FUNDING);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const last = DEFAULT_FUNDING.rules.length - 1;
    expect(Object.keys(read.problems)).toEqual([`rule.${last}.bond`]);
    const only = readFundingForm(reader({ ...text, 'fund.facilities.label': '' }), DEFAULT_FUNDING);
    expect(!only.ok && only.problems['fund.facilities.label']!.ja).toBe(
      '基金を少なくとも一つ残してください'
    );
  });
});
