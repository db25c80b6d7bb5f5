/**
 * The kinds of renewal work the projection produces. The names are the `work_type` values of the
 * projection CSV; the Japanese names are those of the 総務省 software's result tables.
 */
export const WORK_TYPES = [
  'rebuild',
  'renovation',
  'life_extension',
  'midlife_repair',
  'replacement',
  'backlog_rebuild',
  'backlog_renovation',
  'backlog_life_extension',
  'backlog_replacement',
  'new_construction',
  'demolition'
] as const;
export type WorkType = (typeof WORK_TYPES)[number];

export const WORK_TYPE_LABELS: Record<WorkType, { ja: string; en: string }> = {
  rebuild: { ja: '建替え', en: 'Rebuild' },
  renovation: { ja: '大規模改修', en: 'Major renovation' },
  life_extension: { ja: '長寿命化改修', en: 'Life-extension renovation' },
  midlife_repair: { ja: '中規模修繕', en: 'Mid-life repair' },
  replacement: { ja: '更新', en: 'Replacement' },
  backlog_rebuild: { ja: '積み残し建替え', en: 'Backlog rebuild' },
  backlog_renovation: { ja: '積み残し大規模改修', en: 'Backlog renovation' },
  backlog_life_extension: { ja: '積み残し長寿命化改修', en: 'Backlog life extension' },
  backlog_replacement: { ja: '積み残し更新', en: 'Backlog replacement' },
  new_construction: { ja: '新設（複合化）', en: 'New construction' },
  demolition: { ja: '解体', en: 'Demolition' }
};
