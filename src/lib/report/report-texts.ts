/**
 * The report's prose: one template per section and language, with the numbers as placeholders
 * (`{{floorArea}}`) that the report fills in. A city replaces any template with its own words on
 * the report page (kept in the settings); the placeholders it may use are listed beside it.
 * Paragraphs are separated by a blank line; the text is shown as text (never as HTML).
 */
import type { Lang } from '../i18n/messages';
import type { ReportSectionId } from './report-data';

/** The placeholders each section's template may use, with what they stand for. */
export const PLACEHOLDERS: Record<ReportSectionId, Record<string, { ja: string; en: string }>> = {
  current: {
    city: { ja: '団体名', en: 'the city' },
    asOf: { ja: 'データの年度', en: 'the fiscal year of the data' },
    facilities: { ja: '施設数', en: 'facilities' },
    floorArea: { ja: '建物の延床面積（㎡）', en: "buildings' floor area (㎡)" },
    perCapita: { ja: '人口1人当たり延床面積（㎡）', en: 'floor area per inhabitant (㎡)' },
    aged30: { ja: '築30年以上の割合（%）', en: 'share 30 years or older (%)' },
    before1981: { ja: '旧耐震基準（1981年以前）の割合（%）', en: 'share built before 1981 (%)' },
    gradeCD: { ja: '劣化C・D判定の割合（%）', en: 'share graded C or D (%)' }
  },
  history: {
    ratio: { ja: '有形固定資産減価償却率（%）', en: 'depreciation ratio (%)' },
    ratioYear: { ja: 'その年度', en: 'its fiscal year' },
    similar: {
      ja: '類似団体平均（% 付き、未入力ならその旨）',
      en: 'similar cities’ average (with %, or “not entered”)'
    },
    areaChange: { ja: '延床面積の10年間の増減（㎡）', en: 'floor area change over ten years (㎡)' }
  },
  measures: {
    worksCount: { ja: '実施した工事の件数', en: 'works done' },
    worksCost: { ja: 'その金額（億円）', en: 'their cost (100M yen)' },
    worksFrom: { ja: '最初の年度', en: 'first fiscal year' },
    worksTo: { ja: '最後の年度', en: 'last fiscal year' }
  },
  costs: {
    years: { ja: '期間（年）', en: 'horizon (years)' },
    refName: { ja: '単純更新のシナリオ名', en: 'the national method scenario' },
    refTotal: { ja: '単純更新の総額（億円）', en: 'its total (100M yen)' },
    refAverage: { ja: '単純更新の年平均（億円）', en: 'its annual average (100M yen)' },
    measName: { ja: '長寿命化対策のシナリオ名', en: 'the life-extension scenario' },
    measTotal: { ja: '長寿命化対策の総額（億円）', en: 'its total (100M yen)' },
    measAverage: { ja: '長寿命化対策の年平均（億円）', en: 'its annual average (100M yen)' },
    effect: { ja: '効果額（億円）', en: 'the difference (100M yen)' },
    running: { ja: '維持管理費（億円/年）', en: 'running costs (100M yen a year)' },
    funding: { ja: '充当可能な財源（億円/年）', en: 'available funding (100M yen a year)' },
    gap: {
      ja: '更新費用と財源の差（億円/年、正：不足・負：余裕）',
      en: 'renewal cost minus funding (100M yen a year; positive: short, negative: to spare)'
    },
    fundingVerdict: {
      ja: '財源と更新費用を比べた一文（不足か余裕かを正しく述べる）',
      en: 'one sentence comparing funding and renewal cost (short or to spare, as it is)'
    }
  },
  targets: {
    targetCount: { ja: '目標の数', en: 'targets' },
    targetScenario: { ja: '道筋を示すシナリオ名', en: 'the scenario of the path' }
  },
  policies: {
    extendCount: { ja: '長寿命化する施設数', en: 'facilities extended' },
    consolidateCount: { ja: '複合化・集約化する施設数', en: 'facilities consolidated' },
    closeCount: { ja: '廃止する施設数', en: 'facilities closed' }
  }
};

/** Hozen's own wording, used until the city writes its own. */
export const DEFAULT_TEXTS: Record<Lang, Record<ReportSectionId, string>> = {
  ja: {
    current:
      '{{city}}が保有する公共施設は{{asOf}}末時点で{{facilities}}施設、建物の延床面積は{{floorArea}}㎡（人口1人当たり{{perCapita}}㎡）です。\n\n延床面積のうち築30年以上の建物が{{aged30}}%、旧耐震基準（1981年以前）の建物が{{before1981}}%を占め、劣化状況がC・D判定の建物は{{gradeCD}}%です。',
    history:
      '{{ratioYear}}末の有形固定資産減価償却率は{{ratio}}%です（類似団体平均：{{similar}}）。過去10年間の建物の延床面積の増減は{{areaChange}}㎡です。',
    measures:
      '{{worksFrom}}から{{worksTo}}までに{{worksCount}}件の対策（建替え・長寿命化改修・大規模改修・修繕・除却等）を実施し、その費用は{{worksCost}}億円です。',
    costs:
      '今後{{years}}年間の更新費用は、耐用年数経過時に単純更新した場合（{{refName}}）{{refTotal}}億円（年平均{{refAverage}}億円）、長寿命化対策を反映した場合（{{measName}}）{{measTotal}}億円（年平均{{measAverage}}億円）と見込まれ、効果額は{{effect}}億円です。\n\nこのほか維持管理費が年{{running}}億円かかります。{{fundingVerdict}}',
    targets:
      '本計画では{{targetCount}}件の数値目標を定めます。各目標への道筋は「{{targetScenario}}」による試算です。',
    policies:
      '施設類型ごとの管理の方針として、{{extendCount}}施設を長寿命化、{{consolidateCount}}施設を複合化・集約化、{{closeCount}}施設を廃止の対象とします。'
  },
  en: {
    current:
      '{{city}} holds {{facilities}} public facilities at the end of FY{{asOf}}, with {{floorArea}} ㎡ of buildings ({{perCapita}} ㎡ per inhabitant).\n\n{{aged30}}% of that floor area is 30 years or older, {{before1981}}% was built before 1981 (the old seismic code), and {{gradeCD}}% is graded C or D.',
    history:
      'The tangible fixed assets’ depreciation ratio was {{ratio}}% at the end of {{ratioYear}} (similar cities: {{similar}}). Over ten years the buildings’ floor area changed by {{areaChange}} ㎡.',
    measures:
      'From {{worksFrom}} to {{worksTo}}, {{worksCount}} works were done (rebuilds, life-extension and major renovations, repairs, demolitions) at a cost of {{worksCost}} × 100M yen.',
    costs:
      'Over the next {{years}} years, renewals cost {{refTotal}} × 100M yen ({{refAverage}} a year) when renewed as lives end ({{refName}}), and {{measTotal}} ({{measAverage}} a year) with life extension ({{measName}}): a difference of {{effect}}.\n\nRunning costs of {{running}} a year come on top. {{fundingVerdict}}',
    targets:
      'The plan sets {{targetCount}} numeric targets; each path is projected by “{{targetScenario}}”.',
    policies:
      'By type of facility: {{extendCount}} facilities are to be extended, {{consolidateCount}} consolidated and {{closeCount}} closed.'
  }
};

/**
 * The sentence that compares the funding expected with the renewal cost (annual averages, yen):
 * a shortfall and a margin are different news and are said differently; running costs are not in
 * the comparison and the sentence says so.
 */
export function fundingVerdict(
  lang: Lang,
  v: {
    fundingYen: number | null;
    costYen: number;
    withMeasures: boolean;
    oku: (yen: number) => string;
  }
): string {
  const ja = lang === 'ja';
  if (v.fundingYen === null)
    return ja ? '充当可能な財源の見込みは設定されていません。' : 'No funding outlook has been set.';
  const gap = v.costYen - v.fundingYen;
  const funding = v.oku(v.fundingYen);
  const amount = v.oku(Math.abs(gap));
  const which = ja
    ? v.withMeasures
      ? '長寿命化対策を反映した場合でも'
      : '単純更新の場合'
    : v.withMeasures
      ? 'even with life extension'
      : 'when renewed as lives end';
  // Within half of the last digit shown (0.005 億円): neither short nor to spare.
  if (Math.abs(gap) < 5e5)
    return ja
      ? `充当可能な財源は年${funding}億円と見込まれ、更新費用（維持管理費を除く）の年平均とほぼ同額です。`
      : `Funding of ${funding} a year is expected, about the same as the renewal cost a year (running costs aside).`;
  if (gap > 0)
    return ja
      ? `充当可能な財源は年${funding}億円と見込まれ、${which}、更新費用（維持管理費を除く）が年平均${amount}億円不足します。`
      : `Funding of ${funding} a year is expected: ${which}, renewals (running costs aside) exceed it by ${amount} a year on average.`;
  return ja
    ? `充当可能な財源は年${funding}億円と見込まれ、${v.withMeasures ? '長寿命化対策を反映した場合' : '単純更新の場合'}の更新費用（維持管理費を除く）を年平均${amount}億円上回ります。`
    : `Funding of ${funding} a year is expected: it exceeds the renewal cost ${v.withMeasures ? 'with life extension' : 'when renewed as lives end'} (running costs aside) by ${amount} a year on average.`;
}

/** Longest template a city may store (characters). */
export const MAX_TEXT_LENGTH = 4_000;

/**
 * The template with its placeholders filled: a known one by its value ("—" when the value is
 * unknown), an unknown one left as written so that the writer sees it.
 */
export function fillTemplate(template: string, values: Record<string, string | null>): string {
  return template.replace(/\{\{\s*([A-Za-z0-9]+)\s*\}\}/g, (whole, name: string) =>
    name in values ? (values[name] ?? '—') : whole
  );
}

/** Placeholders a template uses that its section does not know. */
export function unknownPlaceholders(section: ReportSectionId, template: string): string[] {
  const known = PLACEHOLDERS[section];
  return [...template.matchAll(/\{\{\s*([A-Za-z0-9]+)\s*\}\}/g)]
    .map((m) => m[1]!)
    .filter((name) => !(name in known));
}
