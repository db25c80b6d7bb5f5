/**
 * Read-only links for council: finance makes a link to one to four scenarios; whoever holds it
 * sees them side by side (the comparison page, without anything to change) until it is revoked.
 * The token is 24 random bytes (192 bits, base64url): not guessable, not derived from anything.
 * Only its SHA-256 is stored (as a session's is): the link is shown once, when it is made, and
 * afterwards named by its first six characters. Creating and revoking are audited.
 */
import { cityPopulation } from '../repositories/settings.repository';
import {
  insertShareLink,
  liveShareLink,
  liveShareLinkByHash,
  revokeShareLinkRow,
  shareLinksOf
} from '../repositories/share-links.repository';
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { writeAudit } from '../repositories/audit.repository';
import { said } from '../../i18n/said';
import { getScenario, noScenario, ScenarioError } from './scenarios.service';
import {
  compared,
  accessFor,
  outlookFor,
  parseScenarioIds,
  runScenario,
  type Comparison
} from './scenario-runs.service';

type Who = { username: string | null; now: string };

export interface ShareLink {
  id: number;
  /** The token's first six characters (the token itself is not kept). */
  prefix: string;
  scenarioIds: number[];
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{32}$/;
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Makes a link to the scenarios (which must exist); its token. */
export async function createShareLink(
  db: Kysely<Database>,
  rawIds: string,
  who: Who
): Promise<string> {
  const ids = parseScenarioIds(rawIds);
  for (const id of ids)
    if (!(await getScenario(db, id))) throw new ScenarioError(noScenario(id), 404);
  const token = randomBytes(24).toString('base64url');
  await db.transaction().execute(async (trx) => {
    await insertShareLink(trx, {
      token_hash: tokenHash(token),
      token_prefix: token.slice(0, 6),
      scenario_ids: ids.join(','),
      created_at: who.now,
      created_by: who.username,
      revoked_at: null
    });
    await writeAudit(trx, who, {
      action: 'create',
      entity: 'share_link',
      // The audit names the link by its first characters: the log is no place for the key.
      entityId: `${token.slice(0, 6)}…`,
      before: null,
      after: { scenarioIds: ids }
    });
  });
  return token;
}

const toLink = (r: {
  id: number;
  token_prefix: string | null;
  scenario_ids: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
}): ShareLink => ({
  id: r.id,
  prefix: r.token_prefix ?? '',
  scenarioIds: r.scenario_ids.split(',').map(Number),
  createdAt: r.created_at,
  createdBy: r.created_by,
  revokedAt: r.revoked_at
});

/** The links made to exactly these scenarios (in this order), newest first. */
export async function listShareLinks(db: Kysely<Database>, ids: number[]): Promise<ShareLink[]> {
  return (await shareLinksOf(db, ids.join(','))).map(toLink);
}

/** Revokes a link by its id (it stays on record); a link unknown or already revoked is a 404. */
export async function revokeShareLink(db: Kysely<Database>, id: number, who: Who) {
  await db.transaction().execute(async (trx) => {
    const link = await liveShareLink(trx, id);
    if (!link)
      throw new ScenarioError(
        said(
          'そのリンクはないか、すでに無効にされています',
          'no such link, or it was already revoked'
        ),
        404
      );
    await revokeShareLinkRow(trx, id, who.now);
    await writeAudit(trx, who, {
      action: 'revoke',
      entity: 'share_link',
      entityId: `${link.token_prefix ?? ''}…`,
      before: null,
      after: null
    });
  });
}

/**
 * What a link opens: its scenarios run (from the cache when they can be), or null when the link
 * is unknown, revoked, or one of its scenarios has since been deleted.
 */
export async function openShareLink(
  db: Kysely<Database>,
  token: string
): Promise<Comparison | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await liveShareLinkByHash(db, tokenHash(token));
  if (!row) return null;
  const scenarios = [];
  for (const id of toLink(row).scenarioIds) {
    const scenario = await getScenario(db, id);
    if (!scenario) return null;
    scenarios.push({ scenario, run: compared(await runScenario(db, id)) });
  }
  return {
    scenarios,
    population: await cityPopulation(db),
    outlook: await outlookFor(db, scenarios),
    access: await accessFor(db, scenarios)
  };
}
