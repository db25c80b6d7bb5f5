/** How the map's panels write numbers, layers and categories, in the reader's language. */
import { BUILDING_CATEGORY_LABELS } from '$lib/engine/asset-classes';
import { t, type Lang } from '$lib/i18n/messages';
import { LAYER_GROUPS } from './map-style';

export function mapFormat(lang: Lang) {
  const locale = lang === 'ja' ? 'ja-JP' : 'en-GB';
  const number = new Intl.NumberFormat(locale);
  const okuFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const measured = (layer: string) => layer === 'buildings' || layer === 'bridges';
  return {
    number,
    /** Yen in 億円 (one decimal). */
    oku: (yen: number) => okuFormat.format(yen / 1e8),
    layerLabel: (id: string) =>
      t(lang, LAYER_GROUPS.find((g) => g.id === id)?.label ?? 'layerBuildings'),
    categoryLabel: (key: string) =>
      (BUILDING_CATEGORY_LABELS as Record<string, { ja: string; en: string }>)[key]?.[lang] ?? key,
    /** ㎡ for buildings and bridges, km for lines. */
    unitOf: (layer: string) => (measured(layer) ? t(lang, 'unitM2') : t(lang, 'unitKm')),
    amountOf: (layer: string, amount: number) =>
      number.format(Math.round(measured(layer) ? amount : amount / 1000))
  };
}

export type MapFormat = ReturnType<typeof mapFormat>;

/** Where to fly to: a point and the box to fit. */
export interface Place {
  anchor: [number, number];
  bbox: [number, number, number, number];
}
