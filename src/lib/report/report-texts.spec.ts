import { describe, expect, it } from 'vitest';
import { fundingVerdict } from './report-texts';
import { formatNumber } from '../i18n/messages';

const oku = (yen: number) => formatNumber('ja', yen / 1e8, 2);

describe('the sentence comparing funding with renewal costs', () => {
  it('says a shortfall as a shortfall, with its size', () => {
    const s = fundingVerdict('ja', { fundingYen: 30e8, costYen: 42.5e8, withMeasures: true, oku });
    expect(s).toBe(
      '充当可能な財源は年30.00億円と見込まれ、長寿命化対策を反映した場合でも、更新費用（維持管理費を除く）が年平均12.50億円不足します。'
    );
  });

  it('says a margin as a margin — never as a gap “even with life extension”', () => {
    const s = fundingVerdict('ja', { fundingYen: 50e8, costYen: 42.5e8, withMeasures: true, oku });
    expect(s).toContain('を年平均7.50億円上回ります');
    expect(s).not.toContain('不足');
    expect(s).not.toContain('でも');
    const en = fundingVerdict('en', {
      fundingYen: 50e8,
      costYen: 42.5e8,
      withMeasures: false,
      oku
    });
    expect(en).toMatch(/exceeds the renewal cost when renewed as lives end .* by 7\.50 a year/);
  });

  it('names the case it compares, and says when nothing is set or the two are equal', () => {
    expect(
      fundingVerdict('ja', { fundingYen: 30e8, costYen: 40e8, withMeasures: false, oku })
    ).toContain('単純更新の場合、');
    expect(fundingVerdict('ja', { fundingYen: null, costYen: 40e8, withMeasures: true, oku })).toBe(
      '充当可能な財源の見込みは設定されていません。'
    );
    expect(
      fundingVerdict('ja', { fundingYen: 40e8, costYen: 40e8 + 1e5, withMeasures: true, oku })
    ).toContain('ほぼ同額');
  });
});
