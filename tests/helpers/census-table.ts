/**
 * A census small-area table as e-Stat publishes 「男女，年齢（5歳階級）別人口」: a row of column codes,
 * a row of Japanese labels (full-width digits), then an area per row with its level (HYOSYO), its
 * secrecy flag (HTKSYORI) and totals, men and women by five-year group to 70–74 plus 75+; and
 * square boundaries carrying KEY_CODE as e-Stat's 境界データ do once converted to GeoJSON.
 */
const AGES = [
  '０〜４歳',
  '５〜９歳',
  '１０〜１４歳',
  '１５〜１９歳',
  '２０〜２４歳',
  '２５〜２９歳',
  '３０〜３４歳',
  '３５〜３９歳',
  '４０〜４４歳',
  '４５〜４９歳',
  '５０〜５４歳',
  '５５〜５９歳',
  '６０〜６４歳',
  '６５〜６９歳',
  '７０〜７４歳'
];

export interface CensusArea {
  key: string;
  level: number;
  name: string;
  /** Men and women: 15 groups (0–4 … 70–74), then 75+. */
  men: number[];
  women: number[];
  /** Hidden by the census (秘匿): its figures are written "X". */
  hidden?: boolean;
}

/** The table's text (CRLF lines, as e-Stat writes it). */
export function censusTable(areas: readonly CensusArea[], city = 'デモ市'): string {
  const block = (sex: string) => [
    `${sex}の総数、年齢「不詳」含む`,
    ...AGES.map((a) => `${sex}${a}`),
    `${sex}１５歳未満`,
    `${sex}１５〜６４歳`,
    `${sex}６５歳以上`,
    `${sex}７５歳以上`
  ];
  const labels = [
    ...block('総数').map((l) => l.replace('総数の総数', '総数')),
    ...block('男'),
    ...block('女')
  ];
  const codes = labels.map((_, k) => `T001082${String(k + 1).padStart(3, '0')}`);
  const row = (a: CensusArea) => {
    // The total, the 15 groups, three sub-totals not read, then 75+.
    const part = (v: number[]) => [
      v.reduce((s, x) => s + x, 0),
      ...v.slice(0, 15),
      0,
      0,
      0,
      v[15]!
    ];
    const men = part(a.men);
    const women = part(a.women);
    const all = men.map((v, k) => v + women[k]!);
    const data = [...all, ...men, ...women].map((n) => (a.hidden ? 'X' : n));
    return [a.key, a.level, city, a.name, a.hidden ? '1' : '0', '', '', ...data].join(',');
  };
  return [
    ['KEY_CODE', 'HYOSYO', 'CITYNAME', 'NAME', 'HTKSYORI', 'HTKSAKI', 'GASSAN', ...codes].join(','),
    [',,,,,,', ...labels].join(','),
    ...areas.map(row)
  ].join('\r\n');
}

/** Square outlines 0.01° wide from (lon, 35°), one per code, eastwards. */
export function squareBoundaries(codes: readonly string[], lon = 138) {
  return {
    type: 'FeatureCollection' as const,
    features: codes.map((code, k) => {
      const x = lon + k * 0.01;
      return {
        type: 'Feature' as const,
        properties: { KEY_CODE: code },
        geometry: {
          type: 'Polygon' as const,
          coordinates: [
            [
              [x, 35],
              [x + 0.01, 35],
              [x + 0.01, 35.01],
              [x, 35.01],
              [x, 35]
            ]
          ]
        }
      };
    })
  };
}
