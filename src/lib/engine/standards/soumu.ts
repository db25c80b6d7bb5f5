/**
 * `soumu`: the 総務省 renewal-cost estimation method (公共施設等更新費用試算ソフト, ふるさと財団), as
 * restated in docs/standards.md §1. Constant prices, existing quantities renewed at
 * the same quantity, no routine repair. Numbers marked "to confirm" are the commonly used values
 * not yet read in a primary source (docs/standards.md gives the status of each).
 */
import type { BuildingLifecycle, Standard } from '../standard';

const SOUMU = '総務省 公共施設等更新費用試算ソフト (docs/standards.md §1)';

/** 文科省 life-extension model (docs/standards.md §2): used when a scenario extends a building's life. */
export const EXTENDED_LIFECYCLE: BuildingLifecycle = {
  rebuildAge: 80,
  rebuildSpreadYears: 3,
  backlogRebuildSpreadYears: 10,
  works: [
    {
      type: 'midlife_repair',
      atAge: 20,
      spreadYears: 1,
      cost: { kind: 'rebuild_ratio', ratio: 0.25 },
      backlog: null,
      source:
        '文科省 学校施設の長寿命化計画策定に係る解説書 (2017): 20 years confirmed; 25 % and 1-year spread to confirm'
    },
    {
      type: 'life_extension',
      atAge: 40,
      spreadYears: 2,
      cost: { kind: 'rebuild_ratio', ratio: 0.6 },
      backlog: { fromAge: 41, toAge: 50, spreadYears: 10 },
      source:
        "文科省 解説書 (2017): 40 years confirmed; 60 % to confirm; backlog for ages 41–50 over 10 years (one city's variant, docs/standards.md §2)"
    },
    {
      type: 'midlife_repair',
      atAge: 60,
      spreadYears: 1,
      cost: { kind: 'rebuild_ratio', ratio: 0.25 },
      backlog: null,
      source: '文科省 解説書 (2017): 60 years confirmed; 25 % and 1-year spread to confirm'
    }
  ],
  source:
    '文科省 長寿命化型 model: rebuild at 80 (confirmed), spread 3 years as in the 総務省 method'
};

/** Structures that cannot be extended to 80 years (docs/standards.md §2). */
export const NON_EXTENDABLE_STRUCTURES = ['wood', 'light_steel', 'block'];

export const soumu: Standard = {
  key: 'soumu',
  nameJa: '総務省 更新費用試算',
  nameEn: 'MIC renewal-cost method',
  description:
    '総務省の更新費用試算ソフトの方法: 建物は30年で大規模改修、60年で建替え、積み残しは10年で解消。インフラは耐用年数で更新。',
  buildings: {
    // docs/standards.md §1.1 (confirmed).
    unitCosts: {
      civic_culture: { rebuild: 400_000, renovation: 250_000 },
      social_education: { rebuild: 400_000, renovation: 250_000 },
      sports_recreation: { rebuild: 360_000, renovation: 200_000 },
      industry: { rebuild: 400_000, renovation: 250_000 },
      school: { rebuild: 330_000, renovation: 170_000 },
      childcare: { rebuild: 330_000, renovation: 170_000 },
      health_welfare: { rebuild: 360_000, renovation: 200_000 },
      medical: { rebuild: 400_000, renovation: 250_000 },
      administration: { rebuild: 400_000, renovation: 250_000 },
      public_housing: { rebuild: 280_000, renovation: 170_000 },
      park: { rebuild: 330_000, renovation: 170_000 },
      utility_plant: { rebuild: 360_000, renovation: 200_000 },
      other: { rebuild: 360_000, renovation: 200_000 }
    },
    unitCostSource: `${SOUMU} §1.1, 円/㎡ (confirmed)`,
    conventional: {
      rebuildAge: 60,
      rebuildSpreadYears: 3,
      backlogRebuildSpreadYears: 10,
      works: [
        {
          type: 'renovation',
          atAge: 30,
          spreadYears: 2,
          cost: { kind: 'renovation_rate' },
          // Ages 31–50 at the start: 積み残し大規模改修 over the first 10 years; 51–60: none
          // (rebuilt at 60; the 51–60 rule is "to confirm", docs/standards.md §1.1).
          backlog: { fromAge: 31, toAge: 50, spreadYears: 10 },
          source: `${SOUMU} §1.1: renovation at 30 over 2 years; backlog 31–50 over 10 years (confirmed)`
        }
      ],
      source: `${SOUMU} §1.1: rebuild at 60 over 3 years; over 60 at the start: 積み残し建替え over 10 years (confirmed)`
    },
    extended: EXTENDED_LIFECYCLE,
    defaultLifecycle: 'conventional',
    nonExtendableStructures: NON_EXTENDABLE_STRUCTURES
  },
  roads: {
    // Total area ÷ 15 renewed every year; age is not used (docs/standards.md §1.2, confirmed).
    cycleYears: 15,
    unitCosts: { general: 4_700, cycle_pedestrian: 2_700 },
    source: `${SOUMU} §1.2: 一般道路 4,700 円/㎡, 自転車歩行者道 2,700 円/㎡, 15 years (confirmed)`
  },
  bridges: {
    cycleYears: 60,
    spreadYears: 1,
    backlogSpreadYears: 5,
    unitCosts: {
      pc: 425_000,
      rc: 425_000,
      steel: 500_000,
      stone: 425_000,
      wood: 425_000,
      unknown: 448_000
    },
    source: `${SOUMU} §1.2: 60 years, 448,000 円/㎡ with structure unknown (confirmed); per structure and 5-year backlog to confirm`
  },
  waterPipes: {
    cycleYears: 40,
    spreadYears: 1,
    backlogSpreadYears: 5,
    // 導水管・送水管: <300 mm, 300–499, 500–999, 1000–1499, 1500–1999, ≥2000.
    conveyance: [
      { maxDiameterMm: 299, unitCost: 100_000 },
      { maxDiameterMm: 499, unitCost: 114_000 },
      { maxDiameterMm: 999, unitCost: 161_000 },
      { maxDiameterMm: 1_499, unitCost: 345_000 },
      { maxDiameterMm: 1_999, unitCost: 742_000 },
      { maxDiameterMm: null, unitCost: 923_000 }
    ],
    distribution: [
      { maxDiameterMm: 150, unitCost: 97_000 },
      { maxDiameterMm: 200, unitCost: 100_000 },
      { maxDiameterMm: 250, unitCost: 103_000 },
      { maxDiameterMm: 300, unitCost: 106_000 },
      { maxDiameterMm: 350, unitCost: 111_000 },
      { maxDiameterMm: 400, unitCost: 116_000 },
      { maxDiameterMm: 450, unitCost: 121_000 },
      { maxDiameterMm: 550, unitCost: 128_000 },
      { maxDiameterMm: 600, unitCost: 142_000 },
      { maxDiameterMm: 700, unitCost: 158_000 },
      { maxDiameterMm: 800, unitCost: 178_000 },
      { maxDiameterMm: 900, unitCost: 199_000 },
      { maxDiameterMm: 1_000, unitCost: 224_000 },
      { maxDiameterMm: 1_100, unitCost: 250_000 },
      { maxDiameterMm: 1_200, unitCost: 279_000 },
      { maxDiameterMm: 1_350, unitCost: 628_000 },
      { maxDiameterMm: 1_500, unitCost: 678_000 },
      { maxDiameterMm: 1_650, unitCost: 738_000 },
      { maxDiameterMm: 1_800, unitCost: 810_000 },
      { maxDiameterMm: null, unitCost: 923_000 }
    ],
    source: `${SOUMU} §1.2: 40 years and the 97,000–923,000 円/m range confirmed; the diameter table and 5-year backlog to confirm`
  },
  sewerPipes: {
    cycleYears: 50,
    spreadYears: 1,
    backlogSpreadYears: 5,
    pricing: 'material',
    byMaterial: {
      concrete: 124_000,
      clay: 124_000,
      pvc: 124_000,
      rehabilitated: 134_000,
      other: 124_000
    },
    byDiameter: [
      { maxDiameterMm: 250, unitCost: 61_000 },
      { maxDiameterMm: 500, unitCost: 116_000 },
      { maxDiameterMm: 1_000, unitCost: 295_000 },
      { maxDiameterMm: 2_000, unitCost: 749_000 },
      { maxDiameterMm: 3_000, unitCost: 1_680_000 },
      { maxDiameterMm: null, unitCost: 2_347_000 }
    ],
    source: `${SOUMU} §1.2: 50 years, 124,000 / 134,000 円/m by material (confirmed); "other" at 124,000, diameter table and 5-year backlog to confirm`
  }
};
