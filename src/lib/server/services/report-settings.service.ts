/**
 * The plan report's settings: the 類似団体平均, the first-year rule of depreciation, the funding
 * the city expects, the running-cost rates by use, the city's code and the sections' own texts —
 * read leniently, checked on the way in, audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { BUILDING_CATEGORIES } from '../../engine/asset-classes';
import { FIRST_YEAR_RULES, type FirstYearRule } from '../../engine/depreciation';
import { said, SaidError, type Said } from '../../i18n/said';
import { LANGS, type Lang } from '../../i18n/messages';
import { REPORT_SECTIONS, type ReportSectionId } from '../../report/report-data';
import { MAX_TEXT_LENGTH } from '../../report/report-texts';
import { deleteSetting, getSettings, putSetting } from '../repositories/settings.repository';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';

export class ReportError extends SaidError<400 | 404> {}

/**
 * 維持管理費 per ㎡ and year by use, for facilities whose card gives no yearly cost. Hozen's
 * assumption, not a published figure (status: to confirm): a city replaces them with its own.
 */
export const DEFAULT_RUNNING_COST_PER_M2: Record<string, number> = {
  civic_culture: 10_000,
  social_education: 12_000,
  sports_recreation: 9_000,
  industry: 10_000,
  school: 5_500,
  childcare: 14_000,
  health_welfare: 12_000,
  medical: 30_000,
  administration: 12_000,
  public_housing: 2_500,
  park: 3_000,
  utility_plant: 30_000,
  other: 3_000
};
export const DEFAULTS_SOURCE: Said = said(
  'Hozen の仮定値・要確認：団体の決算や施設カルテの実績で置き換えてください',
  'Hozen’s assumption, to confirm: replace with the city’s own accounts'
);

/** The report's settings, as stored (keys in the settings table). */
export const REPORT_SETTING_KEYS = {
  similar: 'report_similar_ratio',
  firstYear: 'depreciation_first_year',
  funding: 'report_funding_yen',
  runningCosts: 'report_running_cost_per_m2',
  cityCode: 'city_code'
} as const;
const textKey = (lang: Lang, section: ReportSectionId) => `report_text_${lang}_${section}`;

/** The report's options as the city set them (checked on the way in, read leniently). */
export interface ReportOptions {
  similar: number | null;
  firstYear: FirstYearRule;
  /** Yen per year: one value for every year, or one per year of the horizon. */
  funding: number[] | null;
  runningCosts: Record<string, number>;
  cityCode: string | null;
  texts: Record<Lang, Partial<Record<ReportSectionId, string>>>;
}

export function readOptions(settings: Record<string, string>): ReportOptions {
  const k = REPORT_SETTING_KEYS;
  const similar = Number(settings[k.similar]);
  const firstYear = settings[k.firstYear] as FirstYearRule;
  let runningCosts = { ...DEFAULT_RUNNING_COST_PER_M2 };
  try {
    const given = JSON.parse(settings[k.runningCosts] ?? '{}') as Record<string, unknown>;
    for (const [c, v] of Object.entries(given))
      if (c in runningCosts && typeof v === 'number' && v >= 0) runningCosts[c] = v;
  } catch {
    runningCosts = { ...DEFAULT_RUNNING_COST_PER_M2 };
  }
  const funding = (settings[k.funding] ?? '')
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '')
    .map(Number);
  const texts = Object.fromEntries(
    LANGS.map((lang) => [
      lang,
      Object.fromEntries(
        REPORT_SECTIONS.flatMap((s) => {
          const v = settings[textKey(lang, s)];
          return v ? [[s, v]] : [];
        })
      )
    ])
  ) as ReportOptions['texts'];
  return {
    similar: settings[k.similar] && Number.isFinite(similar) ? similar : null,
    firstYear: FIRST_YEAR_RULES.includes(firstYear) ? firstYear : 'months',
    funding: funding.length && funding.every((v) => Number.isFinite(v) && v >= 0) ? funding : null,
    runningCosts,
    cityCode: settings[k.cityCode] || null,
    texts
  };
}

/** A form's report settings, checked: a problem names the field. */
export interface ReportSettingsForm {
  similar: string;
  firstYear: string;
  funding: string;
  cityCode: string;
  runningCosts: Record<string, string>;
}

const MAX_FUNDING_YEARS = 200;

/** Saves the report's settings (finance, admin); audited. */
export async function saveReportSettings(
  db: Kysely<Database>,
  who: AuditWho,
  form: ReportSettingsForm
): Promise<void> {
  const fail = (ja: string, en: string) => {
    throw new ReportError(said(ja, en), 400);
  };
  const similar = form.similar.trim() === '' ? null : Number(form.similar);
  if (similar !== null && !(Number.isFinite(similar) && similar >= 0 && similar <= 100))
    fail(
      '類似団体平均：0〜100 の % で入力してください',
      'similar cities’ average: a % from 0 to 100'
    );
  if (!(FIRST_YEAR_RULES as readonly string[]).includes(form.firstYear))
    fail('取得年度の償却：選択肢から選んでください', 'first year: choose one of the options');
  // 億円 per year, separated by spaces, line breaks or 、 (a comma is a thousands separator).
  const funding = form.funding
    .normalize('NFKC')
    .split(/[\s、;]+/)
    .map((v) => v.replace(/[,_]/g, ''))
    .filter((v) => v !== '');
  if (funding.length > MAX_FUNDING_YEARS)
    fail(
      `充当可能な財源：${MAX_FUNDING_YEARS} 年分まで`,
      `funding: at most ${MAX_FUNDING_YEARS} years`
    );
  funding.forEach((v, k) => {
    const n = Number(v);
    if (!(Number.isFinite(n) && n >= 0 && n <= 100_000))
      fail(
        `充当可能な財源：${k + 1} 番目の値「${v.slice(0, 20)}」は 0〜100,000 の億円ではありません`,
        `funding: value ${k + 1} “${v.slice(0, 20)}” is not an amount of 100M yen from 0 to 100,000`
      );
  });
  const cityCode = form.cityCode.trim();
  if (cityCode !== '' && !/^\d{6}$/.test(cityCode))
    fail(
      '全国地方公共団体コード：検査数字を含む6桁（例 222143）',
      'local government code: six digits with the check digit (e.g. 222143)'
    );
  if (cityCode !== '' && !validCheckDigit(cityCode))
    fail(
      `全国地方公共団体コード：${cityCode} の検査数字（6桁目）が合いません`,
      `local government code: the check digit (6th) of ${cityCode} does not match`
    );
  const runningCosts: Record<string, number> = {};
  for (const c of BUILDING_CATEGORIES) {
    const v = (form.runningCosts[c] ?? '').trim();
    if (v === '') continue;
    const n = Number(v.replace(/[,_]/g, ''));
    if (!(Number.isFinite(n) && n >= 0 && n <= 1e7))
      fail(
        `維持管理費の㎡単価（${c}）：0〜10,000,000 円/㎡`,
        `running cost per ㎡ (${c}): 0 to 10,000,000 yen`
      );
    runningCosts[c] = n;
  }
  const k = REPORT_SETTING_KEYS;
  await db.transaction().execute(async (trx) => {
    const before = readOptions(await getSettings(trx));
    const put = (key: string, value: string | null) =>
      value === null || value === '' ? deleteSetting(trx, key) : putSetting(trx, key, value);
    await put(k.similar, similar === null ? null : String(similar));
    await put(k.firstYear, form.firstYear);
    await put(k.funding, funding.map((v) => String(Math.round(Number(v) * 1e8))).join(','));
    await put(k.cityCode, cityCode);
    await put(
      k.runningCosts,
      Object.keys(runningCosts).length ? JSON.stringify(runningCosts) : null
    );
    const after = readOptions(await getSettings(trx));
    const { texts: _b, ...b } = before;
    const { texts: _a, ...a } = after;
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'report_settings',
      entityId: null,
      before: b,
      after: a
    });
  });
}

/** 全国地方公共団体コード's check digit (総務省: weights 6,5,4,3,2; 11 − sum mod 11, last digit). */
export function validCheckDigit(code: string): boolean {
  const d = [...code].map(Number);
  const s = d.slice(0, 5).reduce((acc, v, i) => acc + v * (6 - i), 0);
  const check = (11 - (s % 11)) % 10;
  return d[5] === check;
}

/** Saves one section's text in one language (empty: back to Hozen's wording); audited. */
export async function saveReportText(
  db: Kysely<Database>,
  who: AuditWho,
  lang: string,
  section: string,
  text: string
): Promise<void> {
  if (
    !(LANGS as readonly string[]).includes(lang) ||
    !(REPORT_SECTIONS as readonly string[]).includes(section)
  )
    throw new ReportError(said('その節はありません', 'no such section'), 404);
  if (text.length > MAX_TEXT_LENGTH)
    throw new ReportError(
      said(
        `本文は ${MAX_TEXT_LENGTH} 文字までです（${text.length} 文字）`,
        `the text is at most ${MAX_TEXT_LENGTH} characters (${text.length})`
      ),
      400
    );
  const key = textKey(lang as Lang, section as ReportSectionId);
  const value = text.replace(/\r\n?/g, '\n').trim();
  await db.transaction().execute(async (trx) => {
    const before = (await getSettings(trx))[key] ?? null;
    if (value === '') await deleteSetting(trx, key);
    else await putSetting(trx, key, value);
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'report_text',
      entityId: `${lang}/${section}`,
      before: { text: before },
      after: { text: value || null }
    });
  });
}
