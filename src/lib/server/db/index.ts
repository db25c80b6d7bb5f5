/**
 * The server's one database (a SQLite connection, or a PostgreSQL pool), opened on first use from
 * `DATABASE_URL` or `HOZEN_DB` (default `db/hozen.sqlite`) and prepared (migrated, seeded when
 * empty) once.
 */
import type { Kysely } from 'kysely';
import type { Database } from './database';
import { databaseTargetFromEnv } from './connection';
import { firstAdminMessage, prepareDatabase } from '../services/database.service';

let ready: Promise<Kysely<Database>> | undefined;

/** The prepared database; the first call migrates it and seeds the demo city if it is empty. */
export function getDb(): Promise<Kysely<Database>> {
  ready ??= prepareDatabase(databaseTargetFromEnv(), { seedIfEmpty: true }).then((p) => {
    // Served without `npm start` (which prints it itself): the first password must still be seen.
    if (p.firstAdmin) console.log(firstAdminMessage(p.firstAdmin, '/login'));
    return p.db;
  });
  return ready;
}
