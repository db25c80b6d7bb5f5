/**
 * PostgreSQL's own programs (pg_dump, pg_restore, psql, initdb, pg_ctl), found on PATH or in
 * Debian's /usr/lib/postgresql/VERSION/bin (newest first), and a connection URL split into the
 * programs' arguments and environment so that a password never appears on a command line.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The path of PostgreSQL program `name`, or null when it is not installed. */
export function postgresProgram(name: string): string | null {
  const versions = fs.existsSync(DEBIAN_ROOT)
    ? fs
        .readdirSync(DEBIAN_ROOT)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const version of versions) {
    const file = path.join(DEBIAN_ROOT, version, 'bin', name);
    if (fs.existsSync(file)) return file;
  }
  const which = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  const onPath = which.stdout.trim();
  return which.status === 0 && onPath ? onPath : null;
}

/** `postgresProgram`, or an error saying which Debian package provides it. */
export function requireProgram(name: string, pkg = 'postgresql-client'): string {
  const found = postgresProgram(name);
  if (!found) throw new Error(`${name} not found: install Debian package ${pkg}`);
  return found;
}

/**
 * The URL without its password (for `--dbname`) and the environment carrying it (PGPASSWORD),
 * so that `ps` never shows it.
 */
export function connectionArgs(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { dbname: parsed.toString(), env };
}
