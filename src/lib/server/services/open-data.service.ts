/**
 * Open data for the city's catalogue: the 公共施設一覧 in the 自治体標準オープンデータセット layout,
 * and the plan's summary (the report's key figures) as JSON and CSV.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import type { Lang } from '../../i18n/messages';
import { facilitiesOpenDataCsv, type SummaryFigure } from '../../io/open-data';
import { buildReport } from '../../report/report-sections';
import { publicFacilityRows } from '../repositories/facilities.repository';
import { getSettings } from '../repositories/settings.repository';
import { reportFor } from './report.service';
import { readOptions } from './report-settings.service';

/** The 公共施設一覧 CSV (with its BOM), and whether the city's code is set. */
export async function facilitiesOpenData(
  db: Kysely<Database>
): Promise<{ csv: string; codeSet: boolean }> {
  const [settings, rows] = await Promise.all([getSettings(db), publicFacilityRows(db)]);
  const code = readOptions(settings).cityCode;
  const csv = facilitiesOpenDataCsv(
    { code, nameJa: settings.city_name_ja ?? '' },
    rows.map((r) => ({
      code: r.code,
      name: r.name,
      nameKana: r.name_kana,
      category: r.category,
      address: r.address,
      lat: r.lat,
      lon: r.lon
    }))
  );
  return { csv, codeSet: code !== null };
}

export interface PlanSummary {
  city: { name: string; code: string | null };
  asOfYear: number;
  generatedAt: string;
  figures: SummaryFigure[];
}

/** The plan's key figures (the report's, in `lang`), for JSON and CSV. */
export async function planSummary(
  db: Kysely<Database>,
  measuresId: number | null,
  lang: Lang
): Promise<PlanSummary> {
  const data = await reportFor(db, measuresId, lang);
  const j = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const buildings = data.stock.filter((s) => s.assetClass === 'building');
  const floorArea = buildings.reduce((s, b) => s + b.quantity, 0);
  const last = data.depreciation.total[data.depreciation.total.length - 1];
  const { reference: ref, measures: meas } = data.projection;
  const figures: SummaryFigure[] = [
    {
      key: 'facilities',
      label: j('施設数', 'Facilities'),
      value: data.facilities.reduce((s, f) => s + f.active, 0),
      unit: j('施設', 'facilities')
    },
    {
      key: 'floor_area_m2',
      label: j('建物の延床面積', 'Buildings’ floor area'),
      value: floorArea,
      unit: '㎡'
    },
    {
      key: 'floor_area_per_capita_m2',
      label: j('人口1人当たり延床面積', 'Floor area per inhabitant'),
      value: data.city.population
        ? Math.round((floorArea / data.city.population) * 100) / 100
        : null,
      unit: '㎡'
    },
    {
      key: 'depreciation_ratio_pct',
      label: j(
        `有形固定資産減価償却率（${last?.year ?? ''}年度末）`,
        `Depreciation ratio (end of FY${last?.year ?? ''})`
      ),
      value: last?.ratio != null ? Math.round(last.ratio * 1000) / 10 : null,
      unit: '%'
    }
  ];
  if (ref)
    figures.push(
      {
        key: 'renewal_total_simple_yen',
        label: j(
          `単純更新の${ref.years}年間の総額`,
          `Renewal over ${ref.years} years, as lives end`
        ),
        value: Math.round(ref.total),
        unit: j('円', 'yen')
      },
      {
        key: 'renewal_average_simple_yen',
        label: j('単純更新の年平均', 'Per year, as lives end'),
        value: Math.round(ref.annualAverage),
        unit: j('円', 'yen')
      }
    );
  if (ref && meas)
    figures.push(
      {
        key: 'renewal_total_extended_yen',
        label: j(
          `長寿命化対策を反映した${meas.years}年間の総額`,
          `Renewal over ${meas.years} years, with life extension`
        ),
        value: Math.round(meas.total),
        unit: j('円', 'yen')
      },
      {
        key: 'renewal_average_extended_yen',
        label: j('長寿命化対策を反映した年平均', 'Per year, with life extension'),
        value: Math.round(meas.annualAverage),
        unit: j('円', 'yen')
      },
      {
        key: 'effect_yen',
        label: j('効果額', 'Difference'),
        value: Math.round(ref.total - meas.total),
        unit: j('円', 'yen')
      }
    );
  for (const [k, p] of data.targets.paths.entries())
    figures.push({
      key: `target_${k + 1}_${p.target.kind}`,
      label: j(
        `目標${k + 1}（${p.target.targetYear}年度）`,
        `Target ${k + 1} (FY${p.target.targetYear})`
      ),
      value: Math.round(p.goal * 10) / 10,
      unit:
        p.target.kind === 'floor_area'
          ? '㎡'
          : p.target.kind === 'poor_share'
            ? '%'
            : j('円', 'yen')
    });
  // The report's sections name what they rest on; a consumer gets the same words.
  const report = buildReport(data, lang);
  figures.push({ key: 'source', label: j('資料', 'Source'), value: report.subtitle, unit: '' });
  return {
    city: { name: lang === 'ja' ? data.city.nameJa : data.city.nameEn, code: data.city.code },
    asOfYear: data.asOfYear,
    generatedAt: data.generatedAt,
    figures
  };
}
