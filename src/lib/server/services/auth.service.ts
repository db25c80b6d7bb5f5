/**
 * Who is working: local accounts (password hashed with scrypt and a salt of its own), sessions
 * in the database, and the limits on guessing passwords.
 *
 * - A password is stored as `scrypt$N$r$p$salt$hash` (base64url): the parameters travel with it.
 * - A session is a random 32-byte token in an httpOnly cookie; the table keeps its SHA-256 only.
 *   It ends after 8 hours without use, and in any case 7 days after signing in.
 * - Failed sign-ins throttle further attempts of the same account from the same address, and of
 *   the same address, with growing waits (see `throttleWait`); never the account from elsewhere.
 * - Users are created, changed and deactivated with an audit entry; passwords never are logged.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { writeAudit } from '../repositories/audit.repository';
import {
  activeAdmins,
  countUsers,
  insertUser,
  toUser,
  updateUserRow,
  userById,
  usernameTaken,
  userWithHash,
  type User
} from '../repositories/users.repository';
import {
  deleteFailures,
  deleteSession,
  deleteSessionsOf,
  extendSession,
  failuresSince,
  insertFailures,
  insertSession,
  sessionWithUser
} from '../repositories/sessions.repository';
import { ROLES, ROLE_LABELS, type Role } from '../../roles';
import { said, SaidError, type Said } from '../../i18n/said';

export { ROLES, ROLE_LABELS, type Role };
export { countUsers, listUsers, type User } from '../repositories/users.repository';

export class AuthError extends SaidError<400 | 401 | 404 | 409 | 429> {}

type Who = { username: string | null; now: string };

const SCRYPT = { N: 16384, r: 8, p: 1, keyLength: 32 };

function scryptAsync(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number
): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  );
}

/** A password's stored form: `scrypt$N$r$p$salt$hash`, with a fresh 16-byte salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const { N, r, p, keyLength } = SCRYPT;
  const key = await scryptAsync(password, salt, N, r, p, keyLength);
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `password` matches a stored form (compared in constant time). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, N, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await scryptAsync(
    password,
    Buffer.from(salt, 'base64url'),
    Number(N),
    Number(r),
    Number(p),
    expected.length
  );
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A password nobody chose: 18 random bytes, base64url (24 characters). */
export const randomPassword = () => randomBytes(18).toString('base64url');

const USERNAME = /^[A-Za-z0-9._-]{2,40}$/;

function checkUser(input: { username?: string; displayName?: string; role?: string }) {
  const problems: Said[] = [];
  if (input.username !== undefined && !USERNAME.test(input.username))
    problems.push(
      said(
        'ユーザー名：英数字と「.」「_」「-」で 2〜40 文字',
        'username: 2 to 40 letters, digits, ".", "_" or "-"'
      )
    );
  if (
    input.displayName !== undefined &&
    (!input.displayName.trim() || input.displayName.length > 100)
  )
    problems.push(said('表示名：1〜100 文字', 'display name: 1 to 100 characters'));
  if (input.role !== undefined && !(ROLES as readonly string[]).includes(input.role))
    problems.push(said('権限：一覧から選んでください', `role: one of ${ROLES.join(', ')}`));
  return problems;
}

function checkPassword(password: string): Said[] {
  return password.length < 10 || password.length > 200
    ? [said('パスワード：10〜200 文字', 'password: 10 to 200 characters')]
    : [];
}

const WRONG = said('ユーザー名またはパスワードが違います', 'wrong username or password');

/** Several problems as one refusal. */
const joined = (problems: Said[]) =>
  said(problems.map((p) => p.ja).join('。'), problems.map((p) => p.en).join('; '));

/** Creates an account (checked, audited without the password); its id. */
export async function createUser(
  db: Kysely<Database>,
  input: { username: string; displayName: string; role: string; password: string },
  who: Who
): Promise<number> {
  const problems = [...checkUser(input), ...checkPassword(input.password)];
  if (problems.length) throw new AuthError(joined(problems), 400);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    if (await usernameTaken(trx, input.username))
      throw new AuthError(
        said(
          `ユーザー名「${input.username}」はすでに使われています`,
          `username: "${input.username}" is taken`
        ),
        409
      );
    const id = await insertUser(trx, {
      username: input.username,
      display_name: input.displayName.trim(),
      role: input.role,
      password_hash: passwordHash,
      created_at: who.now,
      updated_at: who.now
    });
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'user',
      entityId: input.username,
      before: null,
      after: { username: input.username, displayName: input.displayName, role: input.role }
    });
    return id;
  });
}

/**
 * Changes an account's display name, role, active flag or password, refused (409) when it
 * changed since it was read; a deactivated account's sessions end, a new password also lifts the
 * lock of failed sign-ins. Audited (no password).
 */
export async function updateUser(
  db: Kysely<Database>,
  id: number,
  version: number,
  patch: { displayName?: string; role?: string; active?: boolean; password?: string },
  who: Who
): Promise<void> {
  const problems = [
    ...checkUser({ displayName: patch.displayName, role: patch.role }),
    ...(patch.password !== undefined ? checkPassword(patch.password) : [])
  ];
  if (problems.length) throw new AuthError(joined(problems), 400);
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : null;
  await db.transaction().execute(async (trx) => {
    const before = await userById(trx, id);
    if (!before) throw new AuthError(said(`ユーザー ${id} はいません`, `no user ${id}`), 404);
    if (before.version !== version)
      throw new AuthError(
        said(
          `ユーザー ${before.username} は、開いた後に他の人が変更しました。開き直して、変更をもう一度行ってください`,
          `user ${before.username} was changed by someone else after you opened it; reload and make the change again`
        ),
        409
      );
    const after = {
      displayName: patch.displayName?.trim() ?? before.displayName,
      role: (patch.role as Role | undefined) ?? before.role,
      active: patch.active ?? before.active
    };
    if (before.role === 'admin' && (after.role !== 'admin' || !after.active)) {
      if ((await activeAdmins(trx)) <= 1)
        throw new AuthError(
          said(
            '最後の有効な管理者の権限は変更できません',
            'the last active administrator cannot lose that role'
          ),
          409
        );
    }
    const set = {
      display_name: after.displayName,
      role: after.role,
      is_active: after.active ? 1 : 0,
      ...(passwordHash ? { password_hash: passwordHash } : {})
    };
    await updateUserRow(trx, id, set, before.version, who.now);
    if (!after.active || passwordHash) await deleteSessionsOf(trx, id);
    // A new password lifts the throttle of failed sign-ins on the account.
    if (passwordHash) await deleteFailures(trx, { account: accountHash(before.username) });
    await writeAudit(trx, who, {
      action: 'update',
      entity: 'user',
      entityId: before.username,
      before: { displayName: before.displayName, role: before.role, active: before.active },
      after: { ...after, ...(passwordHash ? { password: 'changed' } : {}) }
    });
  });
}

// --- Sessions ---------------------------------------------------------------------------

export const SESSION_COOKIE = 'hozen_session';
const IDLE_MS = 8 * 60 * 60 * 1000;
const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Throttling failed sign-ins. Failures are kept in the database (across restarts and servers),
 * keyed by hashes — never the raw text a client sent — and purged once out of the window:
 * - per account and address: from the PAIR_FREE-th failure in the window on, each attempt must
 *   wait twice as long as the last (30 s, 1 min, 2 min … at most 15 min) after the last failure.
 *   The right password from another address is never held up by them, so nobody can lock an
 *   account out from elsewhere;
 * - per address (across accounts, against guessing many): the same from the ADDRESS_FREE-th.
 *   Behind a reverse proxy every client has the proxy's address unless ADDRESS_HEADER is set.
 */
const WINDOW_MS = 15 * 60 * 1000;
const PAIR_FREE = 5;
const ADDRESS_FREE = 20;
const FIRST_WAIT_MS = 30 * 1000;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const accountHash = (username: string) => sha256(username.toLowerCase());
const pairKey = (username: string, address: string) =>
  sha256(`pair\0${username.toLowerCase()}\0${address}`);
const addressKey = (address: string) => sha256(`addr\0${address}`);

/** How long one must still wait after `count` failures, the last at `last` (ms; 0: none). */
export function throttleWait(count: number, free: number, last: number, now: number): number {
  if (count < free) return 0;
  const wait = Math.min(WINDOW_MS, FIRST_WAIT_MS * 2 ** Math.min(count - free, 10));
  return Math.max(0, last + wait - now);
}

const failuresOf = (db: Kysely<Database>, key: string, now: number) =>
  failuresSince(db, key, new Date(now - WINDOW_MS).toISOString());

async function recordFailure(
  db: Kysely<Database>,
  username: string,
  address: string,
  now: number
): Promise<void> {
  await insertFailures(
    db,
    [
      { key: pairKey(username, address), account: accountHash(username) },
      { key: addressKey(address), account: null }
    ],
    new Date(now).toISOString(),
    new Date(now - WINDOW_MS).toISOString()
  );
}

/**
 * Lifts the throttle of one account (from every address: `npm run user:unlock`, a new password),
 * or of everything (tests).
 */
export async function resetLoginLimits(db: Kysely<Database>, username?: string): Promise<number> {
  return deleteFailures(db, username === undefined ? {} : { account: accountHash(username) });
}

/** The longest password taken (a longer one is refused before it is hashed). */
export const MAX_PASSWORD = 200;

/** A stored form for no account: unknown names are checked against it, so they take as long. */
let dummyHash: Promise<string> | null = null;

/**
 * Signs in: a new session's token (for the cookie) and the user, or an AuthError — 401 for a
 * wrong username or password (one message for both, in about the same time), 429 while this
 * account from this address, or this address, is throttled.
 */
export async function signIn(
  db: Kysely<Database>,
  username: string,
  password: string,
  address: string,
  now = new Date()
): Promise<{ token: string; user: User; expiresAt: Date }> {
  const t = now.getTime();
  // Nothing a client sent is stored or hashed past these bounds.
  if (!USERNAME.test(username) || password.length > MAX_PASSWORD || address.length > 100)
    throw new AuthError(WRONG, 401);
  const [pair, byAddress] = await Promise.all([
    failuresOf(db, pairKey(username, address), t),
    failuresOf(db, addressKey(address), t)
  ]);
  const wait = Math.max(
    throttleWait(pair.count, PAIR_FREE, pair.last, t),
    throttleWait(byAddress.count, ADDRESS_FREE, byAddress.last, t)
  );
  if (wait > 0)
    throw new AuthError(
      said(
        `サインインの失敗が続いたため、${Math.ceil(wait / 1000)} 秒後にもう一度お試しください`,
        `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} seconds`
      ),
      429
    );
  const row = await userWithHash(db, username);
  const usable = row !== undefined && row.is_active === 1 && row.password_hash !== null;
  const ok = await verifyPassword(
    password,
    usable ? row.password_hash! : await (dummyHash ??= hashPassword(randomPassword()))
  );
  if (!ok || !usable) {
    await recordFailure(db, username, address, t);
    throw new AuthError(WRONG, 401);
  }
  await deleteFailures(db, { key: pairKey(username, address) });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(t + IDLE_MS);
  await insertSession(db, {
    token_hash: tokenHash(token),
    user_id: row.id,
    created_at: now.toISOString(),
    expires_at: expiresAt.toISOString(),
    ends_at: new Date(t + ABSOLUTE_MS).toISOString(),
    address
  });
  return { token, user: toUser(row), expiresAt };
}

/**
 * The user of a session token, or null (unknown, expired, user deactivated). Using a session
 * moves its idle expiry on (at most to its absolute end), at most once a minute.
 */
export async function sessionUser(
  db: Kysely<Database>,
  token: string,
  now = new Date()
): Promise<User | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const hash = tokenHash(token);
  const row = await sessionWithUser(db, hash);
  const iso = now.toISOString();
  if (!row || row.is_active !== 1 || row.expires_at <= iso || row.ends_at <= iso) {
    if (row) await deleteSession(db, hash);
    return null;
  }
  const next = new Date(Math.min(now.getTime() + IDLE_MS, Date.parse(row.ends_at))).toISOString();
  if (Date.parse(next) - Date.parse(row.expires_at) > 60_000) await extendSession(db, hash, next);
  return toUser(row);
}

/** Ends a session (signing out). */
export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  await deleteSession(db, tokenHash(token));
}

/**
 * First start: when no account exists, an administrator `admin` with a random password, returned
 * once (to be printed); null when there are accounts already.
 */
export async function ensureFirstAdmin(
  db: Kysely<Database>
): Promise<{ username: string; password: string } | null> {
  if ((await countUsers(db)) > 0) return null;
  const password = randomPassword();
  await createUser(
    db,
    { username: 'admin', displayName: '管理者 Administrator', role: 'admin', password },
    { username: 'system', now: new Date().toISOString() }
  );
  return { username: 'admin', password };
}
