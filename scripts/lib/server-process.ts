/** Starting Hozen as `npm start` does, on a free loopback port, and signing in: benchmarks, tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { openTarget, targetOf, type DatabaseTarget } from '../../src/lib/server/db/connection';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { Role } from '../../src/lib/roles';
import { createUser, randomPassword } from '../../src/lib/server/services/auth.service';

/** A SQLite file's path (or a postgres:// URL), or a database target. */
type Where = string | DatabaseTarget;

const asTarget = (where: Where): DatabaseTarget =>
  typeof where === 'string' ? targetOf(where) : where;

/** The environment that points `npm start` (or a script) at the database. */
export function databaseEnv(where: Where): Record<string, string> {
  const target = asTarget(where);
  return target.kind === 'sqlite'
    ? { HOZEN_DB: target.file, DATABASE_URL: '' }
    : { DATABASE_URL: target.url };
}

/** Starts Hozen on the database; resolves with its URL once it is serving. */
export function startServer(db: Where): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/start.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...databaseEnv(db) },
    stdio: ['ignore', 'pipe', 'pipe']
  });
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Hozen is running at (http:\/\/\S+)/.exec(output);
      if (match) resolve({ url: match[1]!, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`Hozen exited with ${code}:\n${output}`)));
  });
}

export async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/**
 * An account on the database for a benchmark or a test to sign in with (made before the
 * server starts, so no first administrator is printed); its username and generated password.
 */
export async function makeAccount(
  where: Where,
  username: string,
  role: Role
): Promise<{ username: string; password: string }> {
  const db = await openTarget(asTarget(where));
  try {
    await migrateToLatest(db);
    const account = { username, password: randomPassword() };
    await createUser(
      db,
      { ...account, displayName: username, role },
      { username: 'hozen', now: new Date().toISOString() }
    );
    return account;
  } finally {
    await db.destroy();
  }
}

/** Posts the login form as a browser does (the answer: 303 and a session cookie on success). */
export function postLogin(
  baseUrl: string,
  account: { username: string; password: string }
): Promise<Response> {
  return fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'text/html',
      origin: baseUrl
    },
    body: new URLSearchParams({ ...account, next: '/' })
  });
}

/** Signs in through the login form; the session cookie's value. */
export async function signInOverHttp(
  baseUrl: string,
  account: { username: string; password: string }
): Promise<string> {
  const response = await postLogin(baseUrl, account);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('hozen_session='));
  if (response.status !== 303 || !cookie)
    throw new Error(`signing in as ${account.username} failed: ${response.status}`);
  return cookie.split(';')[0]!.slice('hozen_session='.length);
}
