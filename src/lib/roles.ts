/** The roles of Hozen's accounts and their names (shared by the server and the pages). */
export const ROLES = ['admin', 'editor', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { ja: string; en: string }> = {
  admin: { ja: '管理者', en: 'Administrator' },
  editor: { ja: '施設担当', en: 'Facilities staff' },
  finance: { ja: '財政担当', en: 'Finance' },
  viewer: { ja: '閲覧（議会）', en: 'Viewer (council)' }
};
