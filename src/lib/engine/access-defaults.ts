/**
 * The services whose reach Hozen follows: which facilities offer each (by use and finer use), the
 * age band it serves, the catchment a facility's card shows (`reach`), and the distance beyond
 * which a resident counts as without it (`limit`, straight line). The schools' limits are the
 * commuting distances of the law on school building subsidies; the others are Hozen's
 * assumptions, labelled to confirm.
 */
import type { AgeBand } from './population';

export interface ServiceDef {
  id: string;
  label: { ja: string; en: string };
  /**
   * The facilities offering it: a use, and optionally only some of its finer uses — by Hozen's key
   * or by a word in the finer use as a city's register writes it (「市立第一小学校」).
   */
  offeredBy: { category: string; subcategories?: string[]; words?: string[] }[];
  band: AgeBand;
  /** The catchment a facility's card shows (m, straight line). */
  reach: number;
  /** Farther than this from the nearest one (m, straight line), a resident is without it. */
  limit: number;
  source: { ja: string; en: string };
}

const SCHOOL_LAW = {
  ja: '義務教育諸学校等の施設費の国庫負担等に関する法律施行令第4条（通学距離：小学校おおむね4km以内、中学校おおむね6km以内）',
  en: 'Cabinet order on subsidies for compulsory school buildings, art. 4 (commuting distance: about 4 km for elementary, 6 km for junior high schools)'
};
const ASSUMED = {
  ja: 'Hozen の仮定値（要確認）',
  en: 'Hozen’s assumption (to confirm)'
};

export const SERVICES: readonly ServiceDef[] = [
  {
    id: 'elementary',
    label: { ja: '小学校', en: 'Elementary schools' },
    offeredBy: [{ category: 'school', subcategories: ['elementary_school'], words: ['小学校'] }],
    band: 'children6to11',
    reach: 2_000,
    limit: 4_000,
    source: SCHOOL_LAW
  },
  {
    id: 'junior',
    label: { ja: '中学校', en: 'Junior high schools' },
    offeredBy: [{ category: 'school', subcategories: ['junior_high_school'], words: ['中学校'] }],
    band: 'children12to14',
    reach: 3_000,
    limit: 6_000,
    source: SCHOOL_LAW
  },
  {
    id: 'preschool',
    label: { ja: '保育所・幼稚園・こども園', en: 'Nurseries and kindergartens' },
    offeredBy: [
      {
        category: 'childcare',
        subcategories: ['nursery', 'kindergarten'],
        words: ['保育', '幼稚園', 'こども園']
      }
    ],
    band: 'children0to5',
    reach: 1_000,
    limit: 1_500,
    source: ASSUMED
  },
  {
    id: 'after_school',
    label: { ja: '放課後児童クラブ・児童館', en: 'After-school clubs and children’s halls' },
    offeredBy: [
      {
        category: 'childcare',
        subcategories: ['after_school_club', 'childrens_hall'],
        words: ['放課後', '学童', '児童館', '児童クラブ']
      }
    ],
    band: 'children6to11',
    reach: 1_000,
    limit: 2_000,
    source: ASSUMED
  },
  {
    id: 'welfare',
    label: { ja: '保健・福祉施設', en: 'Health and welfare facilities' },
    offeredBy: [{ category: 'health_welfare' }],
    band: 'elderly65',
    reach: 1_500,
    limit: 2_000,
    source: ASSUMED
  },
  {
    id: 'community',
    label: { ja: '公民館・集会施設', en: 'Community centres and halls' },
    offeredBy: [{ category: 'civic_culture' }],
    band: 'all',
    reach: 1_500,
    limit: 2_000,
    source: ASSUMED
  }
];

/** The service a facility of this use offers, or null (a new building without a finer use takes its use's first). */
export function serviceOf(category: string, subcategory: string | null): ServiceDef | null {
  return (
    SERVICES.find((s) =>
      s.offeredBy.some(
        (o) =>
          o.category === category &&
          (!o.subcategories ||
            subcategory === null ||
            o.subcategories.includes(subcategory) ||
            !!o.words?.some((w) => subcategory.includes(w)))
      )
    ) ?? null
  );
}
