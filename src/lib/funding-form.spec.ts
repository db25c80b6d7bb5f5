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
        'fund.opening': '12.5',
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
      reader({ ...text, 'bond.general.rate': '1.25', 'fund.opening': '12.5' }),
      DEFAULT_FUNDING
    );
    expect(ok.ok && ok.funding.bonds.general!.rate).toBe(0.0125);
    expect(ok.ok && ok.funding.fund.opening).toBe(1_250_000_000);
  });
});
