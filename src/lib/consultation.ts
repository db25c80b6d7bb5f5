/**
 * Public comment (パブリックコメント): the topics a comment is filed under, the states it passes
 * through, and whether a consultation is open on a given day — shared by the public pages and the
 * staff's.
 */
import type { Said } from './i18n/said';

/** What a comment is about: the citizen picks one; staff may refile it when answering. */
export const TOPICS = {
  whole: { ja: '計画全体', en: 'The plan as a whole' },
  facility: { ja: '個別の施設', en: 'A facility' },
  consolidation: { ja: '統廃合・複合化', en: 'Consolidation and closures' },
  cost: { ja: '費用・財源', en: 'Cost and funding' },
  access: { ja: '利用・アクセス', en: 'Use and access' },
  other: { ja: 'その他', en: 'Other' }
} as const satisfies Record<string, Said>;
export type Topic = keyof typeof TOPICS;
export const isTopic = (v: unknown): v is Topic => typeof v === 'string' && v in TOPICS;

/** pending: waiting for an administrator; approved: shown publicly; rejected: never shown. */
export const COMMENT_STATES = {
  pending: { ja: '承認待ち', en: 'Waiting for moderation' },
  approved: { ja: '公開', en: 'Published' },
  rejected: { ja: '非公開（不適切）', en: 'Not published (rejected)' }
} as const satisfies Record<string, Said>;
export type CommentState = keyof typeof COMMENT_STATES;

/** The longest comment and answer taken (characters): a page of A4 in Japanese. */
export const COMMENT_MAX = 2_000;
export const ANSWER_MAX = 4_000;

/** Where a consultation stands on `today` (YYYY-MM-DD, the city's date). */
export type Period = 'upcoming' | 'open' | 'closed';
export function periodOn(c: { opens_on: string; closes_on: string }, today: string): Period {
  if (today < c.opens_on) return 'upcoming';
  return today > c.closes_on ? 'closed' : 'open';
}

export const PERIODS = {
  upcoming: { ja: '募集前', en: 'Not yet open' },
  open: { ja: '募集中', en: 'Open for comments' },
  closed: { ja: '募集終了', en: 'Closed' }
} as const satisfies Record<Period, Said>;

/** Today in Japan (YYYY-MM-DD): the day a city's consultation period is counted in. */
export function cityToday(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now);
}
