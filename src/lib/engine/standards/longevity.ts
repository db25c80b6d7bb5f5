/**
 * `longevity`: the usual second scenario (長寿命化, docs/standards.md §2): buildings whose structure
 * allows it follow the 文科省 life-extended model — mid-life repair at 20 and 60, life-extension
 * renovation at 40, rebuild at 80 — priced from the 総務省 rebuild rate of their category;
 * timber, light-steel and block buildings keep the 総務省 60-year cycle. Infrastructure as `soumu`.
 */
import type { Standard } from '../standard';
import { soumu } from './soumu';

export const longevity: Standard = {
  ...soumu,
  key: 'longevity',
  nameJa: '長寿命化',
  nameEn: 'Life extension',
  description:
    '文科省の長寿命化型: 20年・60年で中規模修繕（建替え単価の25%）、40年で長寿命化改修（60%）、80年で建替え。木造・軽量鉄骨造・ブロック造は総務省の方法のまま。',
  buildings: { ...soumu.buildings, defaultLifecycle: 'extended' }
};
