/**
 * What keeps a public comment form from being flooded, with no third-party service: a question a
 * person answers at a glance (a sum of two digits, as text a screen reader reads), signed so the
 * server keeps nothing until the answer comes back; a form sent sooner than a person could have
 * read it is refused, one older than two hours too; each question answers once (its nonce is
 * stored with the comment, unique). Addresses are never stored: a salted hash of each stands for it
 * in the per-address limit. The key and the salt are one secret kept in the settings, made on
 * first use.
 */
import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from './db/database';
import { said, type Said } from '../i18n/said';
import { envInt } from './env';

const SECRET_KEY = 'comment_secret';
const MAX_AGE_MS = 2 * 60 * 60 * 1000;

/** Seconds a person needs at least between opening the form and sending it. */
export const minSeconds = () => envInt('HOZEN_COMMENT_MIN_SECONDS', 3, 0, 600);

const secrets = new WeakMap<Kysely<Database>, Promise<string>>();

/** The form's secret: read from the settings, or made and kept there the first time. */
export function commentSecret(db: Kysely<Database>): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) {
    secret = (async () => {
      const made = randomBytes(32).toString('base64url');
      // Two first comments at once: the row inserted first wins, and both read it back.
      await db
        .insertInto('settings')
        .values({ key: SECRET_KEY, value: made })
        .onConflict((oc) => oc.column('key').doNothing())
        .execute();
      const row = await db
        .selectFrom('settings')
        .select('value')
        .where('key', '=', SECRET_KEY)
        .executeTakeFirstOrThrow();
      return row.value;
    })();
    secret.catch(() => secrets.delete(db));
    secrets.set(db, secret);
  }
  return secret;
}

export interface Challenge {
  question: Said;
  token: string;
}

const mac = (secret: string, text: string) =>
  createHmac('sha256', secret).update(text).digest('base64url');

/** A new question for consultation `id`, and the signed token the form sends back with the answer. */
export function issueChallenge(secret: string, id: number, now = Date.now()): Challenge {
  const a = randomInt(1, 10);
  const b = randomInt(1, 10);
  const payload = `${id}.${randomBytes(12).toString('base64url')}.${now}`;
  return {
    question: said(
      `${a} たす ${b} はいくつですか（半角・全角どちらの数字でも可）`,
      `What is ${a} plus ${b}?`
    ),
    token: `${payload}.${mac(secret, `${payload}.${a + b}`)}`
  };
}

/**
 * The nonce of a challenge answered rightly for consultation `id`, or why not (the form then asks
 * a new question).
 */
export function checkChallenge(
  secret: string,
  id: number,
  token: string,
  answer: string,
  now = Date.now()
): { nonce: string } | { refused: Said } {
  const parts = token.split('.');
  const wrong = {
    refused: said(
      '確認の質問への答えが違います。新しい質問に答えてください',
      'The answer to the check question is wrong; please answer the new one'
    )
  };
  if (parts.length !== 4 || Number(parts[0]) !== id) return wrong;
  const [, nonce, at, signature] = parts as [string, string, string, string];
  const given = answer.normalize('NFKC').trim();
  if (!/^\d{1,2}$/.test(given)) return wrong;
  const expected = Buffer.from(mac(secret, `${parts[0]}.${nonce}.${at}.${Number(given)}`));
  const sent = Buffer.from(signature);
  if (sent.length !== expected.length || !timingSafeEqual(sent, expected)) return wrong;
  const age = now - Number(at);
  if (age < minSeconds() * 1000)
    return {
      refused: said(
        '送信が早すぎます。内容を確かめてから、もう一度送ってください',
        'Sent too quickly; please check your comment and send it again'
      )
    };
  if (age > MAX_AGE_MS)
    return {
      refused: said(
        'フォームを開いてから2時間を過ぎました。新しい質問に答えて、もう一度送ってください',
        'The form was opened more than two hours ago; please answer the new question and send again'
      )
    };
  return { nonce };
}

/** The address as stored: a salted hash, never the address itself. */
export function addressHash(secret: string, address: string): string {
  return createHash('sha256').update(`${secret}\u0000${address}`).digest('base64url');
}

/** Comments one address may send in an hour (HOZEN_COMMENTS_PER_HOUR, default 5). */
export const commentsPerHour = () => envInt('HOZEN_COMMENTS_PER_HOUR', 5, 1, 10_000);
