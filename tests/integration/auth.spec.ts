/** Accounts and sessions: passwords, signing in and its limits, expiry, deactivation, audit. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import fs from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import {
  createUser,
  ensureFirstAdmin,
  hashPassword,
  listUsers,
  resetLoginLimits,
  sessionUser,
  signIn,
  signOut,
  updateUser,
  verifyPassword
} from '../../src/lib/server/services/auth.service';
import { tempDir, testTarget } from './helpers/temp-db';

const dir = tempDir();

const database = await testTarget('auth');
const db = await database.open();
beforeAll(async () => {
  await migrateToLatest(db);
  return () => db.destroy();
});
beforeEach(() => resetLoginLimits(db));
const who = { username: 'tester', now: '2026-11-27T12:00:00Z' };
const PASSWORD = 'correct horse battery';

describe('accounts', () => {
  it('creates the first administrator once, with a random password that signs in', async () => {
    const first = await ensureFirstAdmin(db);
    expect(first!.username).toBe('admin');
    expect(first!.password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(await ensureFirstAdmin(db)).toBeNull();
    const session = await signIn(db, 'admin', first!.password, '10.0.0.1');
    expect(session.user.role).toBe('admin');
  });

  it('stores passwords salted and hashed with scrypt, never as given', async () => {
    const a = await hashPassword(PASSWORD);
    const b = await hashPassword(PASSWORD);
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(PASSWORD, a)).toBe(true);
    expect(await verifyPassword(PASSWORD + '!', a)).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain')).toBe(false);
    await createUser(
      db,
      { username: 'hanako', displayName: '花子', role: 'editor', password: PASSWORD },
      who
    );
    const row = await db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'hanako')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).not.toContain(PASSWORD);
    const audit = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'user')
      .execute();
    expect(audit.map((e) => e.entity_id)).toContain('hanako');
    expect(JSON.stringify(audit)).not.toContain(PASSWORD);
  });

  it('refuses bad accounts, naming the field', async () => {
    const bad = (input: {
      username: string;
      displayName: string;
      role: string;
      password: string;
    }) => createUser(db, input, who);
    await expect(
      bad({ username: 'a b', displayName: 'x', role: 'editor', password: PASSWORD })
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('username') });
    await expect(
      bad({ username: 'ok', displayName: 'x', role: 'mayor', password: PASSWORD })
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining('role') });
    await expect(
      bad({ username: 'ok', displayName: 'x', role: 'viewer', password: 'short' })
    ).rejects.toMatchObject({ status: 400, message: 'password: 10 to 200 characters' });
    await expect(
      bad({ username: 'hanako', displayName: 'x', role: 'viewer', password: PASSWORD })
    ).rejects.toMatchObject({ status: 409 });
    expect((await listUsers(db)).map((u) => u.username)).not.toContain('ok');
  });
});

describe('sessions', () => {
  it('signs in with one message for a wrong name or password, and out', async () => {
    await expect(signIn(db, 'hanako', 'wrong password', '10.0.0.2')).rejects.toMatchObject({
      status: 401,
      message: 'wrong username or password'
    });
    await expect(signIn(db, 'nobody', PASSWORD, '10.0.0.2')).rejects.toMatchObject({
      status: 401,
      message: 'wrong username or password'
    });
    const { token } = await signIn(db, 'hanako', PASSWORD, '10.0.0.2');
    expect((await sessionUser(db, token))!.username).toBe('hanako');
    // The database holds the token's hash, not the token.
    const stored = await db.selectFrom('sessions').select('token_hash').execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);
    await signOut(db, token);
    expect(await sessionUser(db, token)).toBeNull();
    expect(await sessionUser(db, 'not-a-token')).toBeNull();
  });

  it('ends a session after 8 idle hours, and 7 days after signing in whatever the use', async () => {
    const t0 = new Date('2026-11-27T09:00:00Z');
    const hours = (h: number) => new Date(t0.getTime() + h * 3_600_000);
    const idle = await signIn(db, 'hanako', PASSWORD, '10.0.0.3', t0);
    expect(await sessionUser(db, idle.token, hours(7.9))).not.toBeNull();
    // Used at 7.9 h: good until 15.9 h.
    expect(await sessionUser(db, idle.token, hours(15.8))).not.toBeNull();
    expect(await sessionUser(db, idle.token, hours(24))).toBeNull();
    const busy = await signIn(db, 'hanako', PASSWORD, '10.0.0.3', t0);
    for (let h = 6; h < 7 * 24; h += 6)
      expect(await sessionUser(db, busy.token, hours(h))).not.toBeNull();
    expect(await sessionUser(db, busy.token, hours(7 * 24 + 1))).toBeNull();
  });

  it('throttles an account from one address with growing waits, never from another address', async () => {
    // Before the fix: five failures from anywhere locked the account for everyone (429 for the
    // right password from any address) — an anonymous attacker could lock the administrator out.
    const t0 = new Date('2026-12-02T09:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'hanako', 'guess ' + i, '10.1.0.1', at(i))).rejects.toMatchObject({
        status: 401
      });
    // The attacker's address must wait 30 s, even with the right password …
    await expect(signIn(db, 'hanako', PASSWORD, '10.1.0.1', at(10))).rejects.toMatchObject({
      status: 429,
      message: 'too many failed sign-ins; try again in 24 seconds'
    });
    // … the owner, elsewhere, signs in at once.
    expect((await signIn(db, 'hanako', PASSWORD, '10.9.9.9', at(10))).user.username).toBe('hanako');
    // After the wait one more guess; then the wait doubles (60 s after that failure).
    await expect(signIn(db, 'hanako', 'guess 5', '10.1.0.1', at(35))).rejects.toMatchObject({
      status: 401
    });
    await expect(signIn(db, 'hanako', 'guess 6', '10.1.0.1', at(80))).rejects.toMatchObject({
      status: 429,
      message: 'too many failed sign-ins; try again in 15 seconds'
    });
    expect((await signIn(db, 'hanako', PASSWORD, '10.1.0.1', at(95))).user.username).toBe('hanako');

    // One address guessing many names is throttled from the 20th failure, for every name.
    await createUser(
      db,
      { username: 'taro', displayName: '太郎', role: 'finance', password: PASSWORD },
      who
    );
    for (let i = 0; i < 20; i++)
      await expect(signIn(db, `name${i}`, 'x', '10.3.0.1', at(100))).rejects.toMatchObject({
        status: 401
      });
    await expect(signIn(db, 'taro', PASSWORD, '10.3.0.1', at(101))).rejects.toMatchObject({
      status: 429
    });
    expect((await signIn(db, 'taro', PASSWORD, '10.2.0.1', at(101))).user.username).toBe('taro');
    expect((await signIn(db, 'taro', PASSWORD, '10.3.0.1', at(131))).user.username).toBe('taro');
  });

  it('stores nothing a client sent: keys are hashes, oversized names are refused unstored, old rows purged', async () => {
    // Before the fix a 5 MB username was stored in the failure key (three posts: 16 → 46 MB).
    const t0 = new Date('2026-12-02T10:00:00Z');
    await expect(signIn(db, 'x'.repeat(5_000_000), 'p', '10.4.0.1', t0)).rejects.toMatchObject({
      status: 401
    });
    await expect(signIn(db, 'hanako', 'p'.repeat(1_000_000), '10.4.0.1', t0)).rejects.toMatchObject(
      { status: 401 }
    );
    expect(await db.selectFrom('login_failures').selectAll().execute()).toEqual([]);
    await expect(signIn(db, 'hanako', 'guess', '10.4.0.1', t0)).rejects.toMatchObject({
      status: 401
    });
    const rows = await db.selectFrom('login_failures').selectAll().execute();
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(r.key).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(r)).not.toContain('hanako');
      expect(JSON.stringify(r)).not.toContain('10.4.0.1');
    }
    // A failure 16 minutes later purges what left the window, whoever it was about.
    await expect(
      signIn(db, 'taro', 'guess', '10.4.0.2', new Date(t0.getTime() + 16 * 60_000))
    ).rejects.toMatchObject({ status: 401 });
    expect(await db.selectFrom('login_failures').selectAll().execute()).toHaveLength(2);
  });

  it('takes as long for an unknown name as for a wrong password (no account enumeration)', async () => {
    // Before the fix: 52 ms for an existing user, 9 ms for an unknown one (no hash computed).
    const time = async (name: string) => {
      const started = performance.now();
      await signIn(db, name, 'wrong password', `10.6.0.${name.length}`).catch(() => {});
      return performance.now() - started;
    };
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 4; i++) {
      known.push(await time('hanako'));
      unknown.push(await time('nobody-here'));
    }
    await resetLoginLimits(db);
    // Both compute one scrypt hash: the unknown name takes at least half as long.
    expect(median(unknown)).toBeGreaterThan(median(known) / 2);
  });

  it('keeps the failed sign-ins in the database: another server (or a restart) still refuses', async () => {
    await createUser(
      db,
      { username: 'jiro', displayName: '次郎', role: 'viewer', password: PASSWORD },
      who
    );
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'jiro', 'guess', '10.5.0.99')).rejects.toMatchObject({
        status: 401
      });
    // Another process on the same database — a second Hozen server, or this one restarted.
    const signInElsewhere = () => {
      const script = path.join(dir, 'sign-in.mts');
      fs.writeFileSync(
        script,
        `import { openFromEnv } from ${JSON.stringify(path.resolve('src/lib/server/db/connection.ts'))};
         import { signIn } from ${JSON.stringify(path.resolve('src/lib/server/services/auth.service.ts'))};
         const { db } = await openFromEnv();
         try { await signIn(db, 'jiro', ${JSON.stringify(PASSWORD)}, '10.5.0.99'); console.log('200'); }
         catch (e) { console.log(String((e as { status?: number }).status)); }
         finally { await db.destroy(); }`
      );
      const r = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', script], {
        env: { ...process.env, ...database.env },
        encoding: 'utf8'
      });
      return r.stdout.trim() || r.stderr;
    };
    expect(signInElsewhere()).toBe('429');
    // `npm run user:unlock -- jiro` lifts it …
    const unlock = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/user-unlock.ts', 'jiro'],
      { env: { ...process.env, ...database.env }, encoding: 'utf8' }
    );
    expect(unlock.stdout).toContain('jiro');
    expect(unlock.status).toBe(0);
    expect(signInElsewhere()).toBe('200');
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'jiro', 'guess', '10.5.0.99')).rejects.toMatchObject({
        status: 401
      });
    expect(signInElsewhere()).toBe('429');
    // … and so does a new password from `npm run user:reset-password -- jiro`, printed once.
    const reset = spawnSync(
      process.execPath,
      ['node_modules/tsx/dist/cli.mjs', 'scripts/user-reset-password.ts', 'JIRO'],
      { env: { ...process.env, ...database.env }, encoding: 'utf8' }
    );
    expect(reset.status).toBe(0);
    const printed = /password: (\S+)/.exec(reset.stdout)![1]!;
    expect((await signIn(db, 'jiro', printed, '10.5.0.99')).user.username).toBe('jiro');
    await expect(signIn(db, 'jiro', PASSWORD, '10.5.0.98')).rejects.toMatchObject({ status: 401 });
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'jiro', 'guess', '10.5.0.99')).rejects.toMatchObject({
        status: 401
      });
    expect(signInElsewhere()).toBe('429');
    // … and so does an administrator's new password.
    const jiro = (await listUsers(db)).find((u) => u.username === 'jiro')!;
    await updateUser(db, jiro.id, jiro.version, { password: PASSWORD }, who);
    expect(signInElsewhere()).toBe('200');
  }, 60_000);

  it('ends the sessions of a deactivated user, refuses stale edits, keeps one administrator', async () => {
    const { token } = await signIn(db, 'taro', PASSWORD, '10.4.0.1');
    const taro = (await listUsers(db)).find((u) => u.username === 'taro')!;
    await updateUser(db, taro.id, taro.version, { active: false }, who);
    expect(await sessionUser(db, token)).toBeNull();
    await expect(signIn(db, 'taro', PASSWORD, '10.4.0.1')).rejects.toMatchObject({ status: 401 });
    await expect(
      updateUser(db, taro.id, taro.version, { active: true }, who)
    ).rejects.toMatchObject({ status: 409 });
    const admin = (await listUsers(db)).find((u) => u.username === 'admin')!;
    await expect(
      updateUser(db, admin.id, admin.version, { role: 'viewer' }, who)
    ).rejects.toMatchObject({
      status: 409,
      message: expect.stringContaining('last active administrator')
    });
    const entries = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after'])
      .where('entity', '=', 'user')
      .where('entity_id', '=', 'taro')
      .execute();
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(JSON.parse(entries[1]!.after!)).toMatchObject({ active: false });
  });
});
