/**
 * The funding rules a scenario starts from when finance turns the finance model on — defaults
 * with their source, "to confirm" where not verified against the current 地方債計画 (the bond
 * rates and terms are the city's to enter: these are placeholders of the usual shape).
 *
 * 公共施設等適正管理推進事業債 (FY2017 地方債計画, as reported by 建通新聞 2017 and 大阪府「自治大阪」
 * H29.7; reference/standards.md §9): 集約化・複合化 充当率 90 % / 交付税算入率 50 %; 長寿命化
 * 90 % / 30 % (later 30–50 % by 財政力: to confirm); 除却 90 % / none. 一般単独事業債: 75 %, none.
 * 公営企業債 (water, sewer): outside the general account; 100 % here, no allowance (to confirm).
 */
import type { FundingParams } from './funding';

const FY2017 = '地方債計画 FY2017（建通新聞 2017・自治大阪 H29.7 による）';

export const DEFAULT_FUNDING: FundingParams = {
  bonds: {
    tekisei_consolidation: {
      label: '公共施設等適正管理推進事業債（集約化・複合化）',
      coverage: 0.9,
      allowance: 0.5,
      rate: 0.01,
      years: 30,
      grace: 3,
      method: 'annuity',
      source: `${FY2017}。利率・年限は要設定`
    },
    tekisei_longevity: {
      label: '公共施設等適正管理推進事業債（長寿命化）',
      coverage: 0.9,
      allowance: 0.3,
      rate: 0.01,
      years: 20,
      grace: 3,
      method: 'annuity',
      source: `${FY2017}（算入率は財政力により30〜50%：要確認）。利率・年限は要設定`
    },
    tekisei_demolition: {
      label: '公共施設等適正管理推進事業債（除却）',
      coverage: 0.9,
      allowance: 0,
      rate: 0.01,
      years: 15,
      grace: 2,
      method: 'annuity',
      source: `${FY2017}。利率・年限は要設定`
    },
    school: {
      label: '学校教育施設等整備事業債',
      coverage: 0.75,
      allowance: 0,
      rate: 0.01,
      years: 20,
      grace: 3,
      method: 'annuity',
      source: '要確認：充当率・交付税算入率は事業（補助・単独）により異なる。利率・年限は要設定'
    },
    general: {
      label: '一般単独事業債',
      coverage: 0.75,
      allowance: 0,
      rate: 0.01,
      years: 20,
      grace: 3,
      method: 'annuity',
      source: `${FY2017}。利率・年限は要設定`
    },
    enterprise: {
      label: '公営企業債（上下水道）',
      coverage: 1,
      allowance: 0,
      rate: 0.01,
      years: 30,
      grace: 5,
      method: 'annuity',
      source: '要確認：公営企業会計の起債（充当率・利率・年限は団体が設定）'
    }
  },
  rules: [
    {
      assetClass: 'water_pipe',
      measure: 'all',
      subsidy: 0,
      bond: 'enterprise',
      fund: 0,
      source: '要確認'
    },
    {
      assetClass: 'sewer_pipe',
      measure: 'all',
      subsidy: 0,
      bond: 'enterprise',
      fund: 0,
      source: '要確認'
    },
    {
      assetClass: 'all',
      measure: 'consolidation',
      subsidy: 0,
      bond: 'tekisei_consolidation',
      fund: 0,
      source: FY2017
    },
    {
      assetClass: 'all',
      measure: 'life_extension',
      subsidy: 0,
      bond: 'tekisei_longevity',
      fund: 0,
      source: FY2017
    },
    {
      assetClass: 'all',
      measure: 'demolition',
      subsidy: 0,
      bond: 'tekisei_demolition',
      fund: 0,
      source: FY2017
    },
    {
      assetClass: 'building',
      category: 'school',
      measure: 'renewal',
      subsidy: 1 / 3,
      bond: 'school',
      fund: 0,
      source: '要確認：学校施設環境改善交付金（改築）の補助率 1/3 として'
    },
    {
      assetClass: 'building',
      category: 'school',
      measure: 'renovation',
      subsidy: 1 / 3,
      bond: 'school',
      fund: 0,
      source: '要確認：学校施設環境改善交付金（大規模改造）の補助率 1/3 として'
    },
    { assetClass: 'all', measure: 'all', subsidy: 0, bond: 'general', fund: 0, source: FY2017 }
  ],
  funds: { facilities: { label: '公共施設整備基金', opening: 0, deposit: 0 } },
  standardFiscalSize: null,
  existingDebt: null
};
