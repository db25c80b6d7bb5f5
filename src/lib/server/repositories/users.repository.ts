/** The accounts: rows in and out (the password's hash only ever read to check a sign-in). */
import type { Kysely, Updateable } from 'kysely';
import type { Database, NewUserRow, UsersTable } from '../db/database';
import type { Role } from '../../roles';

/** An account as the app knows it (never its password). */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
  version: number;
}

export const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'is_active',
  'version'
] as const;

export const toUser = (r: {
  id: number;
  username: string;
  display_name: string;
  role: string;
  is_active: number;
  version: number;
}): User => ({
  id: r.id,
  username: r.username,
  displayName: r.display_name,
  role: r.role as Role,
  active: r.is_active === 1,
  version: r.version
});

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').select(USER_COLUMNS).orderBy('username').execute();
  return rows.map(toUser);
}

/** An account by its id, or null. */
export async function userById(db: Kysely<Database>, id: number): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toUser(row) : null;
}

/** An account by its name with its password's hash (to check a sign-in), or undefined. */
export function userWithHash(db: Kysely<Database>, username: string) {
  return db
    .selectFrom('users')
    .select([...USER_COLUMNS, 'password_hash'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** Whether an account has this name. */
export async function usernameTaken(db: Kysely<Database>, username: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirst();
  return row !== undefined;
}

/** Writes a new account; its id. */
export async function insertUser(db: Kysely<Database>, row: NewUserRow): Promise<number> {
  const inserted = await db
    .insertInto('users')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Sets an account's columns and raises its version. */
export async function updateUserRow(
  db: Kysely<Database>,
  id: number,
  set: Updateable<UsersTable>,
  version: number,
  now: string
): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...set, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .execute();
}

/** How many active administrators there are. */
export async function activeAdmins(db: Kysely<Database>): Promise<number> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin')
    .where('is_active', '=', 1)
    .execute();
  return rows.length;
}
