/**
 * The national census's small-area table of population by sex and five-year age group
 * (国勢調査 小地域集計「男女，年齢（5歳階級）別人口」) as e-Stat's 統計地理情報システム publishes it:
 * Shift_JIS text, a first header row of codes (KEY_CODE, HYOSYO, CITYNAME, NAME, HTKSYORI, HTKSAKI,
 * GASSAN, then one code per column), a second of Japanese labels (総数０〜４歳, 男０〜４歳 …), then a
 * row per area: the city (HYOSYO 1), its 大字・町 (2) and their 丁目 (3…). Columns are read by their
 * Japanese label, not position.
 *
 * - The finest areas are kept: a row whose KEY_CODE begins another row's is a total of those.
 * - Counts written "-" are 0; "X" (秘匿: hidden and counted in the area HTKSAKI names, HTKSYORI 1)
 *   are 0 here, the area listed as hidden.
 * - The table's last five-year group is 70–74 with 75歳以上 as one figure: it is split into 75–79,
 *   80–84 and 85+ by fixed shares (0.36, 0.28, 0.36 — about Japan's 2020 shares within 75+; an
 *   assumption, stated).
 */
import { AGE_GROUPS, type Cohorts } from '../engine/population';
import { said, type Said } from '../i18n/said';

/** Shares of 75–79, 80–84 and 85+ within 75歳以上. */
export const OVER75_SPLIT = [0.36, 0.28, 0.36] as const;

export interface CensusArea {
  code: string;
  name: string;
  counts: Cohorts;
  hidden: boolean;
}

export interface CensusTable {
  areas: CensusArea[];
  problems: Said[];
}

/** One CSV line's cells (quoted cells with commas allowed). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  out.push(cell.trim());
  return out;
}

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
/** Labels as written, compared after NFKC (full-width digits, 〜 and ～ alike). */
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[~〜～]/g, '~')
    .replace(/\s/g, '');

/** Reads the table's text (already decoded). */
export function parseCensusTable(text: string): CensusTable {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  const problems: Said[] = [];
  const codes = cells(lines[0] ?? '');
  const labels = cells(lines[1] ?? '').map(norm);
  const at = (name: string) => codes.indexOf(name);
  if (at('KEY_CODE') < 0 || at('HYOSYO') < 0)
    return {
      areas: [],
      problems: [
        said(
          '1行目に KEY_CODE・HYOSYO の列がありません（e-Stat の小地域集計のCSVではないようです）',
          'the first row has no KEY_CODE and HYOSYO columns (not an e-Stat small-area table)'
        )
      ]
    };
  const column = (label: string) => labels.indexOf(norm(label));
  const sexColumns = (prefix: '男' | '女') => ({
    ages: AGES.map((a) => column(`${prefix}${a}`)),
    over75: column(`${prefix}75歳以上`)
  });
  const sexes = { m: sexColumns('男'), f: sexColumns('女') };
  const missing = [
    ...(['m', 'f'] as const).flatMap((s) =>
      sexes[s].ages.flatMap((c, g) => (c < 0 ? [`${s === 'm' ? '男' : '女'}${AGES[g]}`] : []))
    ),
    ...(['m', 'f'] as const).flatMap((s) =>
      sexes[s].over75 < 0 ? [`${s === 'm' ? '男' : '女'}７５歳以上`] : []
    )
  ];
  if (missing.length)
    return {
      areas: [],
      problems: [
        said(
          `2行目に次の列がありません：${missing.slice(0, 5).join('、')}${missing.length > 5 ? ' …' : ''}（男女，年齢（5歳階級）別人口の表を選んでください）`,
          `the second row lacks: ${missing.slice(0, 5).join(', ')} (choose the table of population by sex and five-year age group)`
        )
      ]
    };

  const rows: { code: string; level: number; name: string; values: string[]; hidden: boolean }[] =
    [];
  for (let n = 2; n < lines.length; n++) {
    if (!lines[n]!.trim()) continue;
    const c = cells(lines[n]!);
    const code = c[at('KEY_CODE')] ?? '';
    if (!/^\d{5,}$/.test(code)) {
      problems.push(
        said(
          `${n + 1}行目：KEY_CODE「${code.slice(0, 20)}」は地域コードではありません`,
          `line ${n + 1}: KEY_CODE "${code.slice(0, 20)}" is not an area code`
        )
      );
      continue;
    }
    const name = [c[at('CITYNAME')], c[at('NAME')]].filter(Boolean).join(' ');
    rows.push({
      code,
      level: Number(c[at('HYOSYO')]),
      name: name || code,
      values: c,
      hidden: c[at('HTKSYORI')] === '1'
    });
  }
  const number = (v: string | undefined) => {
    const s = (v ?? '').normalize('NFKC').replace(/,/g, '');
    return /^\d+(\.\d+)?$/.test(s) ? Number(s) : 0;
  };
  // A row totals others when the next code in order begins with its own (one sort, not n²).
  const sorted = rows.map((r) => r.code).sort();
  const totals = new Set(
    sorted.filter((c, k) => sorted[k + 1]?.startsWith(c) && sorted[k + 1] !== c)
  );
  const areas: CensusArea[] = rows
    .filter((r) => r.level > 1 && !totals.has(r.code))
    .map((r) => {
      const counts: Cohorts = { m: [], f: [] };
      for (const s of ['m', 'f'] as const) {
        counts[s] = sexes[s].ages.map((col) => number(r.values[col]));
        const over75 = number(r.values[sexes[s].over75]);
        counts[s].push(...OVER75_SPLIT.map((share) => over75 * share));
        if (counts[s].length !== AGE_GROUPS) throw new Error('census groups');
      }
      return { code: r.code, name: r.name, counts, hidden: r.hidden };
    });
  if (!areas.length) problems.push(said('地域の行がありません', 'the table has no rows of areas'));
  return { areas, problems };
}
