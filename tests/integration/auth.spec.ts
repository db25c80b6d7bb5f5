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

  it('limits failed sign-ins per user and per address, even for the right password', async () => {
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'hanako', 'guess ' + i, `10.1.0.${i}`)).rejects.toMatchObject({
        status: 401
      });
    await expect(signIn(db, 'hanako', PASSWORD, '10.1.0.99')).rejects.toMatchObject({
      status: 429
    });
    // Another user from another address is not affected.
    await createUser(
      db,
      { username: 'taro', displayName: '太郎', role: 'finance', password: PASSWORD },
      who
    );
    expect((await signIn(db, 'taro', PASSWORD, '10.2.0.1')).user.username).toBe('taro');
    // One address guessing many names: stopped after 20.
    for (let i = 0; i < 20; i++)
      await expect(signIn(db, `name${i}`, 'x', '10.3.0.1')).rejects.toMatchObject({ status: 401 });
    await expect(signIn(db, 'taro', PASSWORD, '10.3.0.1')).rejects.toMatchObject({ status: 429 });
    // The window passes.
    const later = new Date(Date.now() + 16 * 60_000);
    expect((await signIn(db, 'taro', PASSWORD, '10.3.0.1', later)).user.username).toBe('taro');
  });

  it('keeps the failed sign-ins in the database: another server (or a restart) still refuses', async () => {
    await createUser(
      db,
      { username: 'jiro', displayName: '次郎', role: 'viewer', password: PASSWORD },
      who
    );
    for (let i = 0; i < 5; i++)
      await expect(signIn(db, 'jiro', 'guess', `10.5.0.${i}`)).rejects.toMatchObject({
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
    // An administrator's new password lifts the lock.
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
