/**
 * The public buildings of the synthetic demo city: a facility programme shaped like a Japanese city
 * of about 140,000 people (docs/standards.md §7: floor-area mix by use, construction peak 1970–1985),
 * placed by population density, each facility with its buildings (棟), their construction year,
 * structure, floor area and a condition survey by part (文科省 A–D, docs/standards.md §3).
 */
import type { BuildingCategory } from '../engine/asset-classes';
import type { Land, XY } from './demo-city-land';
import { distance, insideRing } from './demo-city-land';
import type { Random } from '../random';

/** [earliest, most likely, latest] fiscal year of construction (triangular draw). */
type YearProfile = readonly [number, number, number];

interface BuildingSpec {
  name: string;
  area: readonly [number, number];
  floors: readonly [number, number];
  structure: readonly (readonly [string, number])[];
  /** Probability that the facility has this building (default 1). */
  p?: number;
  /** How many such buildings, drawn in [min, max] (default 1). */
  count?: readonly [number, number];
  /** Years after the facility's first building (default 0, ± a few years). */
  later?: readonly [number, number];
}

interface FacilityType {
  subcategory: string;
  category: BuildingCategory;
  count: number;
  /** Name of the i-th facility of this type in the given town. */
  name: (town: string, i: number) => string;
  buildings: readonly BuildingSpec[];
  years: YearProfile;
  /** Spread facilities apart (school districts) instead of following density alone. */
  spread?: boolean;
  /** Where it sits: by density (default), or near an anchor in local metres. */
  anchor?: XY;
  /** How strongly placement follows density (default 1.5; 0 = anywhere in the city). */
  densityPower?: number;
  shelter?: boolean;
  importance: number;
  /** Yearly users per ㎡ of floor area, and running cost in yen per ㎡ per year. */
  usersPerM2: number;
  costPerM2: number;
}

const RC = [['rc', 1]] as const;
const RC_S = [
  ['rc', 0.6],
  ['steel', 0.4]
] as const;
const S_RC = [
  ['steel', 0.65],
  ['rc', 0.35]
] as const;
const SMALL = [
  ['wood', 0.45],
  ['light_steel', 0.35],
  ['block', 0.2]
] as const;
const LIGHT = [
  ['light_steel', 0.5],
  ['steel', 0.3],
  ['wood', 0.2]
] as const;
const SHED = [
  ['steel', 0.6],
  ['light_steel', 0.3],
  ['wood', 0.1]
] as const;
const seq = (n: number) => ['', '第二', '第三', '第四', '第五'][n] ?? `第${n + 1}`;

/**
 * The facility programme. Counts and areas are typical values for a mid-size city
 * (docs/standards.md §7); names are invented and the city is labelled synthetic everywhere.
 */
const PROGRAMME: readonly FacilityType[] = [
  // 学校教育系 ≈ 40 % of floor area
  {
    subcategory: 'elementary_school',
    category: 'school',
    count: 19,
    spread: true,
    shelter: true,
    name: (t, i) => `${t}${seq(i)}小学校`,
    years: [1960, 1973, 1988],
    importance: 5,
    usersPerM2: 20,
    costPerM2: 5_500,
    buildings: [
      { name: '北校舎', area: [1_800, 3_200], floors: [3, 4], structure: RC },
      { name: '南校舎', area: [1_200, 2_600], floors: [2, 4], structure: RC, later: [0, 9] },
      {
        name: '特別教室棟',
        area: [500, 1_100],
        floors: [2, 3],
        structure: RC,
        p: 0.5,
        later: [5, 20]
      },
      { name: '屋内運動場', area: [700, 1_000], floors: [1, 1], structure: S_RC, later: [2, 15] },
      {
        name: 'プール附属棟',
        area: [60, 160],
        floors: [1, 1],
        structure: SMALL,
        p: 0.7,
        later: [0, 10]
      },
      {
        name: '給食室棟',
        area: [150, 300],
        floors: [1, 1],
        structure: RC_S,
        p: 0.6,
        later: [0, 8]
      },
      { name: '体育倉庫', area: [40, 120], floors: [1, 1], structure: SHED, p: 0.6, later: [5, 25] }
    ]
  },
  {
    subcategory: 'junior_high_school',
    category: 'school',
    count: 10,
    spread: true,
    shelter: true,
    name: (t, i) => `${t}${seq(i)}中学校`,
    years: [1962, 1975, 1988],
    importance: 5,
    usersPerM2: 16,
    costPerM2: 5_500,
    buildings: [
      { name: '管理教室棟', area: [2_400, 3_800], floors: [3, 4], structure: RC },
      { name: '普通教室棟', area: [1_800, 3_200], floors: [3, 4], structure: RC, later: [0, 10] },
      { name: '特別教室棟', area: [800, 1_500], floors: [2, 3], structure: RC, later: [3, 18] },
      { name: '屋内運動場', area: [1_000, 1_500], floors: [1, 2], structure: S_RC, later: [2, 15] },
      {
        name: '武道場',
        area: [400, 650],
        floors: [1, 1],
        structure: S_RC,
        p: 0.6,
        later: [10, 25]
      },
      { name: '部室棟', area: [80, 200], floors: [1, 2], structure: LIGHT, p: 0.7, later: [5, 25] }
    ]
  },
  {
    subcategory: 'school_lunch_centre',
    category: 'school',
    count: 2,
    name: (t, i) => `${['東部', '西部'][i]}学校給食センター`,
    years: [1975, 1988, 2008],
    importance: 4,
    usersPerM2: 0,
    costPerM2: 18_000,
    densityPower: 0.5,
    buildings: [{ name: '調理場棟', area: [1_800, 3_200], floors: [1, 2], structure: S_RC }]
  },
  // 公営住宅 ≈ 13 %
  {
    subcategory: 'public_housing',
    category: 'public_housing',
    count: 16,
    name: (t, i) => `市営${t}${seq(i)}団地`,
    years: [1965, 1976, 1994],
    importance: 3,
    usersPerM2: 0.03,
    costPerM2: 2_500,
    buildings: [
      {
        name: '号棟',
        area: [700, 1_700],
        floors: [3, 5],
        structure: RC,
        count: [2, 4],
        later: [0, 6]
      },
      { name: '集会所棟', area: [60, 140], floors: [1, 1], structure: SMALL, p: 0.6, later: [0, 4] }
    ]
  },
  {
    subcategory: 'public_housing_low_rise',
    category: 'public_housing',
    count: 5,
    name: (t, i) => `市営${t}${seq(i)}住宅`,
    years: [1956, 1966, 1975],
    importance: 2,
    usersPerM2: 0.03,
    costPerM2: 1_800,
    densityPower: 0.8,
    buildings: [
      {
        name: '号棟',
        area: [110, 260],
        floors: [1, 2],
        structure: [
          ['block', 0.5],
          ['wood', 0.5]
        ],
        count: [6, 12],
        later: [0, 3]
      }
    ]
  },
  // 市民文化系 ≈ 7 %
  {
    subcategory: 'cultural_centre',
    category: 'civic_culture',
    count: 1,
    anchor: [900, -3_300],
    name: () => '市民文化会館',
    years: [1978, 1982, 1986],
    importance: 4,
    shelter: false,
    usersPerM2: 25,
    costPerM2: 16_000,
    buildings: [
      { name: 'ホール棟', area: [8_000, 9_500], floors: [3, 4], structure: [['src', 1]] },
      { name: '練習室棟', area: [900, 1_400], floors: [2, 3], structure: RC, later: [8, 20] }
    ]
  },
  {
    subcategory: 'community_centre',
    category: 'civic_culture',
    count: 12,
    spread: true,
    shelter: true,
    name: (t) => `${t}地区交流センター`,
    years: [1968, 1982, 2012],
    importance: 4,
    usersPerM2: 28,
    costPerM2: 9_000,
    buildings: [
      { name: '本館', area: [1_100, 2_300], floors: [2, 3], structure: RC },
      {
        name: '体育室棟',
        area: [300, 600],
        floors: [1, 1],
        structure: S_RC,
        p: 0.5,
        later: [0, 15]
      },
      { name: '倉庫', area: [40, 120], floors: [1, 1], structure: SHED, p: 0.8, later: [0, 20] }
    ]
  },
  {
    subcategory: 'meeting_hall',
    category: 'civic_culture',
    count: 18,
    name: (t, i) => `${t}${seq(i)}集会所`,
    years: [1965, 1980, 2005],
    importance: 2,
    usersPerM2: 20,
    costPerM2: 3_000,
    buildings: [{ name: '集会所', area: [150, 420], floors: [1, 2], structure: SMALL }]
  },
  // 社会教育系 ≈ 3 %
  {
    subcategory: 'library',
    category: 'social_education',
    count: 3,
    name: (t, i) => (i === 0 ? '市立中央図書館' : `市立図書館${t}分館`),
    years: [1974, 1990, 2010],
    importance: 3,
    usersPerM2: 60,
    costPerM2: 14_000,
    buildings: [{ name: '図書館棟', area: [700, 4_200], floors: [1, 3], structure: RC }]
  },
  {
    subcategory: 'museum',
    category: 'social_education',
    count: 3,
    name: (t, i) => ['郷土博物館', '文学資料館', '民俗資料館'][i]!,
    years: [1972, 1984, 2000],
    importance: 3,
    usersPerM2: 12,
    costPerM2: 12_000,
    buildings: [
      { name: '展示棟', area: [600, 3_000], floors: [1, 2], structure: RC },
      { name: '収蔵庫', area: [150, 500], floors: [1, 2], structure: RC, p: 0.6, later: [0, 15] }
    ]
  },
  {
    subcategory: 'youth_centre',
    category: 'social_education',
    count: 2,
    name: (t, i) => ['青少年センター', '少年自然の家'][i]!,
    years: [1970, 1980, 1995],
    importance: 2,
    usersPerM2: 10,
    costPerM2: 8_000,
    densityPower: 0.3,
    buildings: [{ name: '本館', area: [900, 1_800], floors: [2, 3], structure: RC }]
  },
  // スポーツ・レクリエーション系 ≈ 6 %
  {
    subcategory: 'sports_hall',
    category: 'sports_recreation',
    count: 1,
    anchor: [2_200, -2_300],
    shelter: true,
    name: () => '総合体育館',
    years: [1984, 1988, 1992],
    importance: 4,
    usersPerM2: 35,
    costPerM2: 11_000,
    buildings: [
      {
        name: 'メインアリーナ棟',
        area: [6_500, 8_500],
        floors: [2, 3],
        structure: [
          ['src', 0.5],
          ['steel', 0.5]
        ]
      },
      {
        name: 'サブアリーナ棟',
        area: [1_500, 2_500],
        floors: [1, 2],
        structure: S_RC,
        later: [0, 3]
      }
    ]
  },
  {
    subcategory: 'sports_facility',
    category: 'sports_recreation',
    count: 5,
    name: (t, i) => ['市民プール', '武道館', '市民球場 管理棟', '陸上競技場 管理棟', '弓道場'][i]!,
    years: [1968, 1978, 1998],
    importance: 3,
    usersPerM2: 30,
    costPerM2: 9_000,
    buildings: [
      { name: '本棟', area: [400, 3_200], floors: [1, 2], structure: RC_S },
      { name: '付属棟', area: [60, 300], floors: [1, 1], structure: SHED, p: 0.6, later: [0, 20] }
    ]
  },
  {
    subcategory: 'district_gym',
    category: 'sports_recreation',
    count: 6,
    spread: true,
    shelter: true,
    name: (t) => `${t}スポーツセンター`,
    years: [1972, 1984, 2005],
    importance: 3,
    usersPerM2: 25,
    costPerM2: 6_000,
    buildings: [{ name: '体育室棟', area: [900, 1_800], floors: [1, 2], structure: S_RC }]
  },
  {
    subcategory: 'recreation',
    category: 'sports_recreation',
    count: 4,
    densityPower: 0,
    name: (t, i) =>
      ['市民の森 管理棟', '温泉保養センター', 'キャンプ場 センターハウス', 'ふれあい農園 管理棟'][
        i
      ]!,
    years: [1980, 1992, 2008],
    importance: 2,
    usersPerM2: 40,
    costPerM2: 12_000,
    buildings: [
      {
        name: '本棟',
        area: [150, 2_800],
        floors: [1, 2],
        structure: [
          ['rc', 0.4],
          ['wood', 0.3],
          ['steel', 0.3]
        ]
      }
    ]
  },
  // 産業系 ≈ 2 %
  {
    subcategory: 'industry',
    category: 'industry',
    count: 6,
    name: (t, i) =>
      [
        '産業会館',
        '勤労者会館',
        '農業振興センター',
        '地場産業センター',
        '観光交流館',
        '物産販売所'
      ][i]!,
    years: [1970, 1985, 2010],
    importance: 2,
    usersPerM2: 15,
    costPerM2: 8_000,
    buildings: [{ name: '本館', area: [250, 3_000], floors: [1, 3], structure: RC_S }]
  },
  // 子育て支援 ≈ 3 %
  {
    subcategory: 'nursery',
    category: 'childcare',
    count: 8,
    spread: true,
    name: (t) => `市立${t}保育園`,
    years: [1968, 1978, 2010],
    importance: 4,
    usersPerM2: 30,
    costPerM2: 20_000,
    buildings: [
      {
        name: '園舎',
        area: [650, 1_200],
        floors: [1, 2],
        structure: [
          ['rc', 0.6],
          ['steel', 0.2],
          ['wood', 0.2]
        ]
      },
      {
        name: '遊戯室棟',
        area: [100, 250],
        floors: [1, 1],
        structure: LIGHT,
        p: 0.5,
        later: [3, 20]
      }
    ]
  },
  {
    subcategory: 'kindergarten',
    category: 'childcare',
    count: 6,
    spread: true,
    name: (t) => `市立${t}幼稚園`,
    years: [1966, 1976, 1995],
    importance: 4,
    usersPerM2: 25,
    costPerM2: 12_000,
    buildings: [
      {
        name: '園舎',
        area: [550, 1_000],
        floors: [1, 2],
        structure: [
          ['rc', 0.7],
          ['steel', 0.3]
        ]
      }
    ]
  },
  {
    subcategory: 'childrens_hall',
    category: 'childcare',
    count: 4,
    name: (t) => `${t}児童館`,
    years: [1975, 1988, 2005],
    importance: 3,
    usersPerM2: 40,
    costPerM2: 9_000,
    buildings: [{ name: '本館', area: [300, 600], floors: [1, 2], structure: RC_S }]
  },
  {
    subcategory: 'after_school_club',
    category: 'childcare',
    count: 12,
    name: (t, i) => `${t}${seq(i)}放課後児童クラブ`,
    years: [1996, 2008, 2024],
    importance: 3,
    usersPerM2: 60,
    costPerM2: 8_000,
    buildings: [{ name: 'クラブ棟', area: [90, 220], floors: [1, 1], structure: LIGHT }]
  },
  // 保健・福祉 ≈ 3 %
  {
    subcategory: 'health_centre',
    category: 'health_welfare',
    count: 2,
    name: (t, i) => ['保健センター', '北部保健センター'][i]!,
    years: [1978, 1988, 2000],
    importance: 4,
    usersPerM2: 15,
    costPerM2: 10_000,
    buildings: [{ name: '本館', area: [1_800, 3_000], floors: [2, 3], structure: RC }]
  },
  {
    subcategory: 'welfare_centre',
    category: 'health_welfare',
    count: 9,
    name: (t, i) =>
      [`${t}老人福祉センター`, `${t}障害者福祉センター`, `${t}デイサービスセンター`][i % 3]!,
    years: [1972, 1986, 2010],
    importance: 3,
    usersPerM2: 20,
    costPerM2: 11_000,
    buildings: [{ name: '本館', area: [350, 1_500], floors: [1, 2], structure: RC_S }]
  },
  // 医療施設 ≈ 2 %
  {
    subcategory: 'clinic',
    category: 'medical',
    count: 4,
    name: (t, i) =>
      ['休日急患診療所', '市立リハビリテーション病院', `${t}診療所`, `${t}歯科診療所`][i]!,
    years: [1974, 1986, 2002],
    importance: 4,
    usersPerM2: 20,
    costPerM2: 30_000,
    buildings: [
      { name: '本館', area: [350, 5_200], floors: [1, 4], structure: RC },
      { name: '付属棟', area: [200, 900], floors: [1, 2], structure: RC, p: 0.5, later: [5, 20] }
    ]
  },
  // 行政系 ≈ 6 %
  {
    subcategory: 'city_hall',
    category: 'administration',
    count: 1,
    anchor: [300, -3_000],
    shelter: false,
    name: () => '市役所本庁舎',
    years: [1970, 1972, 1974],
    importance: 5,
    usersPerM2: 15,
    costPerM2: 16_000,
    buildings: [
      { name: '本館', area: [9_500, 11_000], floors: [6, 7], structure: [['src', 1]] },
      { name: '東館', area: [3_500, 4_500], floors: [4, 5], structure: RC, later: [18, 24] },
      { name: '車庫棟', area: [400, 700], floors: [1, 2], structure: SHED, later: [5, 15] }
    ]
  },
  {
    subcategory: 'branch_office',
    category: 'administration',
    count: 3,
    spread: true,
    name: (t) => `${t}支所`,
    years: [1968, 1980, 2000],
    importance: 4,
    usersPerM2: 10,
    costPerM2: 13_000,
    buildings: [{ name: '庁舎', area: [1_200, 2_500], floors: [2, 3], structure: RC }]
  },
  {
    subcategory: 'fire_station',
    category: 'administration',
    count: 4,
    spread: true,
    name: (t, i) => (i === 0 ? '消防本部・中央消防署' : `${t}消防署分署`),
    years: [1972, 1985, 2008],
    importance: 5,
    usersPerM2: 0.5,
    costPerM2: 14_000,
    buildings: [
      { name: '庁舎', area: [800, 4_200], floors: [2, 4], structure: RC },
      { name: '訓練塔', area: [40, 90], floors: [5, 6], structure: RC, p: 0.5, later: [0, 5] }
    ]
  },
  {
    subcategory: 'fire_brigade_post',
    category: 'administration',
    count: 28,
    densityPower: 0.6,
    name: (t, i) => `消防団${t}${seq(i)}分団詰所`,
    years: [1975, 1992, 2020],
    importance: 3,
    usersPerM2: 0,
    costPerM2: 1_500,
    buildings: [
      { name: '詰所', area: [55, 130], floors: [1, 2], structure: LIGHT },
      { name: '車庫', area: [30, 60], floors: [1, 1], structure: SHED, p: 0.4, later: [0, 15] }
    ]
  },
  {
    subcategory: 'disaster_store',
    category: 'administration',
    count: 10,
    spread: true,
    name: (t) => `${t}防災倉庫`,
    years: [1985, 2000, 2022],
    importance: 3,
    usersPerM2: 0,
    costPerM2: 500,
    buildings: [{ name: '倉庫', area: [40, 160], floors: [1, 1], structure: SHED }]
  },
  // 公園 ≈ 1 %
  {
    subcategory: 'park_building',
    category: 'park',
    count: 60,
    name: (t, i) => `${t}${seq(i % 5)}公園 ${i % 3 === 0 ? '管理棟' : 'トイレ'}`,
    years: [1972, 1990, 2020],
    importance: 1,
    usersPerM2: 200,
    costPerM2: 6_000,
    densityPower: 1,
    buildings: [
      {
        name: '棟',
        area: [15, 140],
        floors: [1, 1],
        structure: [
          ['rc', 0.5],
          ['block', 0.3],
          ['wood', 0.2]
        ],
        count: [1, 2]
      }
    ]
  },
  // 供給処理 ≈ 3–4 % (plant buildings of water and sewerage priced as buildings: docs/standards.md §1.2)
  {
    subcategory: 'water_treatment',
    category: 'utility_plant',
    count: 2,
    anchor: [-300, 4_600],
    densityPower: 0,
    name: (t, i) => ['北部浄水場', '西部浄水場'][i]!,
    years: [1966, 1972, 1985],
    importance: 5,
    usersPerM2: 0,
    costPerM2: 30_000,
    buildings: [
      { name: '管理棟', area: [700, 1_400], floors: [2, 3], structure: RC },
      { name: '電気棟', area: [300, 700], floors: [1, 2], structure: RC, later: [0, 8] },
      { name: '送水ポンプ棟', area: [400, 900], floors: [1, 2], structure: RC, later: [0, 12] }
    ]
  },
  {
    subcategory: 'sewage_treatment',
    category: 'utility_plant',
    count: 1,
    anchor: [3_600, -7_600],
    densityPower: 0,
    name: () => '南部浄化センター',
    years: [1985, 1988, 1992],
    importance: 5,
    usersPerM2: 0,
    costPerM2: 35_000,
    buildings: [
      { name: '管理棟', area: [2_200, 3_000], floors: [3, 3], structure: RC },
      { name: '水処理棟', area: [3_000, 4_200], floors: [1, 2], structure: RC, later: [0, 4] },
      { name: '汚泥処理棟', area: [2_000, 2_800], floors: [2, 3], structure: RC, later: [4, 12] }
    ]
  },
  {
    subcategory: 'waste_plant',
    category: 'utility_plant',
    count: 1,
    anchor: [-4_800, -4_800],
    densityPower: 0,
    name: () => '清掃センター',
    years: [1986, 1990, 1994],
    importance: 5,
    usersPerM2: 0,
    costPerM2: 60_000,
    buildings: [
      {
        name: '焼却棟',
        area: [5_000, 6_500],
        floors: [3, 4],
        structure: [
          ['src', 0.6],
          ['steel', 0.4]
        ]
      },
      { name: '管理棟', area: [600, 1_000], floors: [2, 2], structure: RC, later: [0, 2] }
    ]
  },
  {
    subcategory: 'pump_station',
    category: 'utility_plant',
    count: 8,
    spread: true,
    name: (t, i) => `${t}${i % 2 === 0 ? '配水池ポンプ場' : '中継ポンプ場'}`,
    years: [1970, 1985, 2010],
    importance: 4,
    usersPerM2: 0,
    costPerM2: 20_000,
    buildings: [{ name: 'ポンプ棟', area: [90, 420], floors: [1, 2], structure: RC }]
  },
  // その他 ≈ 8 %
  {
    subcategory: 'closed_school',
    category: 'other',
    count: 3,
    densityPower: 0.2,
    name: (t) => `旧${t}分校`,
    years: [1958, 1964, 1975],
    importance: 1,
    usersPerM2: 1,
    costPerM2: 800,
    buildings: [
      { name: '旧校舎', area: [1_400, 2_600], floors: [2, 3], structure: RC },
      { name: '旧体育館', area: [500, 800], floors: [1, 1], structure: S_RC, later: [2, 10] }
    ]
  },
  {
    subcategory: 'parking',
    category: 'other',
    count: 6,
    name: (t, i) => (i === 0 ? '駅前立体駐車場' : `${t}自転車駐車場`),
    years: [1980, 1992, 2012],
    importance: 2,
    usersPerM2: 30,
    costPerM2: 2_500,
    buildings: [
      {
        name: '本棟',
        area: [300, 1_400],
        floors: [1, 3],
        structure: [
          ['steel', 0.7],
          ['rc', 0.3]
        ]
      }
    ]
  },
  {
    subcategory: 'multi_storey_car_park',
    category: 'other',
    count: 1,
    anchor: [700, -3_700],
    name: () => '中央立体駐車場',
    years: [1990, 1992, 1994],
    importance: 2,
    usersPerM2: 40,
    costPerM2: 3_000,
    buildings: [{ name: '本棟', area: [4_000, 5_000], floors: [4, 5], structure: [['steel', 1]] }]
  },
  {
    subcategory: 'crematorium',
    category: 'other',
    count: 1,
    densityPower: 0.1,
    name: () => '市営斎場',
    years: [1979, 1982, 1985],
    importance: 4,
    usersPerM2: 2,
    costPerM2: 25_000,
    buildings: [{ name: '斎場棟', area: [2_200, 3_000], floors: [1, 2], structure: RC }]
  },
  {
    subcategory: 'warehouse',
    category: 'other',
    count: 16,
    densityPower: 0.5,
    name: (t, i) => `${t}${seq(i)}市有倉庫`,
    years: [1965, 1980, 2015],
    importance: 1,
    usersPerM2: 0,
    costPerM2: 400,
    buildings: [{ name: '倉庫', area: [100, 900], floors: [1, 2], structure: SHED, count: [1, 2] }]
  },
  {
    subcategory: 'staff_housing',
    category: 'other',
    count: 4,
    name: (t, i) => `${t}${seq(i)}職員住宅`,
    years: [1962, 1970, 1985],
    importance: 1,
    usersPerM2: 0,
    costPerM2: 1_200,
    buildings: [
      {
        name: '住宅棟',
        area: [300, 900],
        floors: [2, 3],
        structure: [
          ['rc', 0.6],
          ['wood', 0.4]
        ]
      }
    ]
  },
  {
    subcategory: 'public_toilet',
    category: 'other',
    count: 12,
    name: (t, i) => `${t}${seq(i)}公衆便所`,
    years: [1980, 1995, 2020],
    importance: 1,
    usersPerM2: 500,
    costPerM2: 9_000,
    buildings: [
      {
        name: '便所',
        area: [15, 60],
        floors: [1, 1],
        structure: [
          ['rc', 0.6],
          ['block', 0.4]
        ]
      }
    ]
  },
  {
    subcategory: 'former_facility',
    category: 'other',
    count: 6,
    name: (t, i) => [`旧${t}公民館`, `旧${t}保育園`, `旧${t}診療所`][i % 3]!,
    years: [1960, 1970, 1982],
    importance: 1,
    usersPerM2: 0,
    costPerM2: 300,
    buildings: [
      {
        name: '旧本館',
        area: [300, 1_300],
        floors: [1, 2],
        structure: [
          ['rc', 0.6],
          ['wood', 0.4]
        ]
      }
    ]
  }
];

export interface DemoFacility {
  code: string;
  name: string;
  category: BuildingCategory;
  subcategory: string;
  address: string;
  xy: XY;
  yearly_users: number | null;
  running_cost_yen: number | null;
  is_shelter: number;
  status: string;
}

export interface DemoPartGrade {
  part: 'roof' | 'exterior' | 'interior' | 'electrical' | 'mechanical';
  grade: 'A' | 'B' | 'C' | 'D';
}

export interface DemoBuilding {
  code: string;
  facilityCode: string;
  name: string;
  category: BuildingCategory;
  subcategory: string;
  yearBuilt: number;
  area: number;
  floors: number;
  structure: string;
  importance: number;
  xy: XY;
  parts: DemoPartGrade[];
  soundness: number;
  grade: 'A' | 'B' | 'C' | 'D';
  /** Fiscal year and day of the survey the grades come from. */
  surveyedOn: string;
}

/** Points of each part grade (文科省 解説書; A and B to confirm: docs/standards.md §3). */
export const PART_POINTS = { A: 100, B: 75, C: 40, D: 10 } as const;
/** Weights of the parts in the 健全度 (to confirm: docs/standards.md §3); they sum to 60. */
export const PART_WEIGHTS = {
  roof: 5.1,
  exterior: 17.2,
  interior: 22.4,
  electrical: 8.0,
  mechanical: 7.3
} as const;

/** 健全度 (0–100) = Σ(points × weight) ÷ 60 (docs/standards.md §3). */
export function soundnessOf(parts: readonly DemoPartGrade[]): number {
  const total = parts.reduce((sum, p) => sum + PART_POINTS[p.grade] * PART_WEIGHTS[p.part], 0);
  return Math.round((total / 60) * 10) / 10;
}

/** Overall grade from the 健全度: ≥ 80 A, ≥ 60 B, ≥ 40 C, else D (Hozen's convention). */
export function gradeOfSoundness(soundness: number): 'A' | 'B' | 'C' | 'D' {
  return soundness >= 80 ? 'A' : soundness >= 60 ? 'B' : soundness >= 40 ? 'C' : 'D';
}

function triangular(rnd: Random, [a, c, b]: YearProfile): number {
  const u = rnd.next();
  const f = (c - a) / (b - a || 1);
  const x =
    u < f ? a + Math.sqrt(u * (b - a) * (c - a)) : b - Math.sqrt((1 - u) * (b - a) * (b - c));
  return Math.round(x);
}

/**
 * The buildings' condition survey: roof and exterior graded from their age with scatter; interior,
 * electrical and mechanical by the age rule (A < 20 y, B 20–40 y, C ≥ 40 y: docs/standards.md §3), with
 * scatter for buildings renovated or neglected.
 */
function surveyParts(rnd: Random, age: number): DemoPartGrade[] {
  const byScore = (score: number): 'A' | 'B' | 'C' | 'D' =>
    score < 15 ? 'A' : score < 32 ? 'B' : score < 50 ? 'C' : 'D';
  const byRule = (a: number): 'A' | 'B' | 'C' => (a < 20 ? 'A' : a < 40 ? 'B' : 'C');
  const renovated = age > 30 && rnd.chance(0.25) ? rnd.int(10, 25) : 0;
  return [
    { part: 'roof', grade: byScore(age - renovated + rnd.normal(0, 9)) },
    { part: 'exterior', grade: byScore(age - renovated + rnd.normal(0, 9)) },
    { part: 'interior', grade: byRule(age - renovated + rnd.normal(0, 5)) },
    { part: 'electrical', grade: byRule(age - renovated + rnd.normal(0, 5)) },
    { part: 'mechanical', grade: byRule(age - renovated + rnd.normal(0, 5)) }
  ];
}

export interface FacilityOptions {
  /** The fiscal year the data describes (latest construction year is the one before). */
  asOfYear: number;
}

/** Places the facility programme in the city and draws every building. */
export function generateFacilities(
  rnd: Random,
  land: Land,
  { asOfYear }: FacilityOptions
): { facilities: DemoFacility[]; buildings: DemoBuilding[] } {
  const facilities: DemoFacility[] = [];
  const buildings: DemoBuilding[] = [];
  const usedNames = new Set<string>();
  const nodeGrid = buildNodeGrid(land);

  const samplePoint = (power: number): XY => {
    for (let attempt = 0; attempt < 10_000; attempt++) {
      const xy: XY = [rnd.uniform(-7_500, 7_500), rnd.uniform(-9_800, 9_800)];
      if (!insideRing(xy, land.boundary)) continue;
      if (rnd.next() <= Math.pow(land.density(xy), power)) return xy;
    }
    return [0, 0];
  };

  let facilityNo = 0;
  for (const type of PROGRAMME) {
    const sameType: XY[] = [];
    for (let i = 0; i < type.count; i++) {
      let xy: XY;
      if (type.anchor) {
        xy = [
          type.anchor[0] + rnd.normal(0, i === 0 ? 80 : 2_500),
          type.anchor[1] + rnd.normal(0, i === 0 ? 80 : 2_500)
        ];
        if (!insideRing(xy, land.boundary)) xy = type.anchor;
      } else if (type.spread) {
        // Best-candidate sampling keeps facilities of one kind apart, like school districts.
        let best: XY = samplePoint(1.2);
        let bestDistance = -1;
        for (let k = 0; k < 12; k++) {
          const candidate = samplePoint(1.2);
          const nearest = Math.min(...sameType.map((p) => distance(p, candidate)), Infinity);
          if (nearest > bestDistance) {
            best = candidate;
            bestDistance = nearest;
          }
        }
        xy = best;
      } else {
        xy = samplePoint(type.densityPower ?? 1.5);
      }
      xy = besideStreet(rnd, nodeGrid, xy);
      sameType.push(xy);

      const town = land.townOf(xy);
      let name = type.name(town, i);
      for (let n = 1; usedNames.has(name) && n < 10; n++) name = type.name(town, i + n) ?? name;
      for (let n = 2; usedNames.has(name); n++) name = `${type.name(town, i)}（${n}）`;
      usedNames.add(name);

      facilityNo += 1;
      const code = `F${String(facilityNo).padStart(4, '0')}`;
      const firstYear = Math.min(asOfYear - 1, triangular(rnd, type.years));
      let area = 0;
      let buildingNo = 0;
      for (const spec of type.buildings) {
        if (spec.p !== undefined && !rnd.chance(spec.p)) continue;
        const count = spec.count ? rnd.int(spec.count[0], spec.count[1]) : 1;
        for (let c = 0; c < count; c++) {
          buildingNo += 1;
          const later = spec.later ? rnd.int(spec.later[0], spec.later[1]) : rnd.int(-1, 1);
          // One in twelve buildings were rebuilt since 1996 (the thin recent tail of every profile).
          const rebuilt = rnd.chance(0.08) ? rnd.int(1996, asOfYear - 1) : 0;
          const yearBuilt = Math.min(asOfYear - 1, Math.max(rebuilt, firstYear + later));
          const buildingArea = Math.round(rnd.uniform(spec.area[0], spec.area[1]) * 100) / 100;
          const age = asOfYear - yearBuilt;
          const parts = surveyParts(rnd, age);
          const soundness = soundnessOf(parts);
          const angle = rnd.uniform(0, 2 * Math.PI);
          const offset = buildingNo === 1 ? 0 : rnd.uniform(25, 70);
          area += buildingArea;
          buildings.push({
            code: `${code}-${String(buildingNo).padStart(2, '0')}`,
            facilityCode: code,
            name: spec.count ? `${c + 1}${spec.name}` : spec.name,
            category: type.category,
            subcategory: type.subcategory,
            yearBuilt,
            area: buildingArea,
            floors: rnd.int(spec.floors[0], spec.floors[1]),
            structure: rnd.weighted(spec.structure),
            importance: type.importance,
            xy: [xy[0] + offset * Math.cos(angle), xy[1] + offset * Math.sin(angle)],
            parts,
            soundness,
            grade: gradeOfSoundness(soundness),
            surveyedOn: `${rnd.int(asOfYear - 3, asOfYear - 1)}-${String(rnd.int(6, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`
          });
        }
      }

      const chome = rnd.int(1, 5);
      facilities.push({
        code,
        name,
        category: type.category,
        subcategory: type.subcategory,
        address: `デモ市${town}${chome}丁目${rnd.int(1, 30)}-${rnd.int(1, 20)}`,
        xy,
        yearly_users:
          type.usersPerM2 > 0 ? Math.round(area * type.usersPerM2 * rnd.uniform(0.6, 1.4)) : null,
        running_cost_yen:
          Math.round((area * type.costPerM2 * rnd.uniform(0.8, 1.25)) / 1_000) * 1_000,
        is_shelter: type.shelter ? 1 : 0,
        status:
          type.subcategory === 'closed_school' || type.subcategory === 'former_facility'
            ? 'closed'
            : 'active'
      });
    }
  }
  return { facilities, buildings };
}

type NodeGrid = { cell: number; cells: Map<string, XY[]> };

function buildNodeGrid(land: Land): NodeGrid {
  const cell = 500;
  const cells = new Map<string, XY[]>();
  for (const node of land.nodes) {
    const key = `${Math.floor(node.xy[0] / cell)}:${Math.floor(node.xy[1] / cell)}`;
    const list = cells.get(key);
    if (list) list.push(node.xy);
    else cells.set(key, [node.xy]);
  }
  return { cell, cells };
}

/** Moves a point to 35–70 m from the nearest street corner (a facility fronts a street). */
function besideStreet(rnd: Random, grid: NodeGrid, xy: XY): XY {
  const cx = Math.floor(xy[0] / grid.cell);
  const cy = Math.floor(xy[1] / grid.cell);
  let nearest: XY | null = null;
  let best = Infinity;
  for (let dx = -2; dx <= 2; dx++) {
    for (let dy = -2; dy <= 2; dy++) {
      for (const p of grid.cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
        const d = distance(p, xy);
        if (d < best) {
          best = d;
          nearest = p;
        }
      }
    }
  }
  if (!nearest) return xy;
  const angle = rnd.uniform(0, 2 * Math.PI);
  const r = rnd.uniform(35, 70);
  return [nearest[0] + r * Math.cos(angle), nearest[1] + r * Math.sin(angle)];
}
