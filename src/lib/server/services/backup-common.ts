/** What SQLite and PostgreSQL backups share: the error, Hozen's tables, the file-name stamp. */

export class BackupError extends Error {
  override name = 'BackupError';
}

/** The tables every Hozen database has (from the first migration on). */
export const HOZEN_TABLES = [
  'settings',
  'facilities',
  'assets',
  'standards',
  'scenarios',
  'audit_log'
];

/** A timestamp usable in a file name. */
export const stamp = (now: Date) => now.toISOString().replace(/[:.]/g, '-');
