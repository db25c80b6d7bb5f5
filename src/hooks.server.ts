import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { langFromCookie, t } from '$lib/i18n/messages';
import { mapIndex } from '$lib/server/services/map-index.service';
import { actionName, decide } from '$lib/authz';
import { SESSION_COOKIE, sessionUser } from '$lib/server/services/auth.service';
import { automaticBackup } from '$lib/server/services/backup.service';
import { databaseTargetFromEnv } from '$lib/server/db/connection';
import { portalSettings } from '$lib/server/services/public-portal.service';
import { commentsPerHour, minSeconds } from '$lib/server/comment-guard';
import { RateLimiter } from '$lib/server/rate-limit';
import { envInt } from '$lib/server/env';

/**
 * Open, migrate (and on an empty database, seed) before the first request; then build the map's
 * index in the background, so that the first map opened does not wait for it.
 */
export const init: ServerInit = async () => {
  // A wrong HOZEN_PUBLIC_PER_MINUTE or comment limit stops the start, not the first reader.
  publicLimit();
  commentsPerHour();
  minSeconds();
  const db = await getDb();
  setTimeout(() => {
    mapIndex(db).catch((e: unknown) => console.error(`map index: ${(e as Error).message}`));
  }, 0);
  scheduleBackups();
};

/**
 * Automatic backups when HOZEN_BACKUP_DIR is set: one a day (checked every hour), the newest
 * HOZEN_BACKUP_KEEP (default 14) kept.
 */
function scheduleBackups() {
  const dir = process.env.HOZEN_BACKUP_DIR?.trim();
  if (!dir) return;
  const keep = Number(process.env.HOZEN_BACKUP_KEEP ?? '14');
  if (!Number.isInteger(keep) || keep < 1) {
    console.error(
      `HOZEN_BACKUP_KEEP must be a whole number ≥ 1 (got "${process.env.HOZEN_BACKUP_KEEP}"); automatic backups are off`
    );
    return;
  }
  const run = () =>
    automaticBackup(databaseTargetFromEnv(), dir, keep)
      .then((file) => file && console.log(`Automatic backup: ${file}`))
      .catch((e: unknown) => console.error(`automatic backup: ${(e as Error).message}`));
  void run();
  setInterval(run, 60 * 60 * 1000).unref();
}

/**
 * Headers on every answer: no framing, no sniffing, and the address sent as referrer only to Hozen
 * itself (council links carry tokens). Not `no-referrer`: with it browsers post forms with
 * `Origin: null`, which SvelteKit's cross-site check rightly refuses.
 */
const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin'
};

const plain = (status: number, text: string) =>
  new Response(text, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }
  });

/**
 * Whether a request that changes something comes from a page of another site: its Origin (which
 * browsers send with every such request) is not this one, or the browser says it is cross-site.
 */
function crossSite(request: Request, url: URL): boolean {
  if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS')
    return false;
  const origin = request.headers.get('origin');
  if (origin !== null && origin !== url.origin) return true;
  return request.headers.get('sec-fetch-site') === 'cross-site';
}

let limiter: RateLimiter | null = null;
/**
 * The public portal's per-address limit: HOZEN_PUBLIC_PER_MINUTE (default 300), at once at most a
 * fifth of it (60 by default: a reader opening pages in tabs is never held back).
 */
function publicLimit(): RateLimiter {
  if (!limiter) {
    const perMinute = envInt('HOZEN_PUBLIC_PER_MINUTE', 300, 1, 1_000_000);
    limiter = new RateLimiter(perMinute, Math.max(10, Math.floor(perMinute / 5)));
  }
  return limiter;
}

/**
 * Every request: the language, the signed-in user (from the session cookie), then the route's
 * access policy (authz.ts) — before any load, action or endpoint runs.
 */
export const handle: Handle = async ({ event, resolve }) => {
  const lang = langFromCookie(event.cookies.get('lang'));
  event.locals.lang = lang;
  const token = event.cookies.get(SESSION_COOKIE);
  event.locals.user = token ? await sessionUser(await getDb(), token) : null;
  const { url, route } = event;
  const method = event.request.method;
  // SvelteKit refuses cross-site posts of forms only; a request of any other kind (no body, or
  // JSON) from another site — a page that signs its visitors out, say — is refused here.
  if (crossSite(event.request, url)) return plain(403, t(lang, 'authCrossSite'));
  // The public portal: not there at all until an administrator turns it on; then anyone may
  // read it, each address at most HOZEN_PUBLIC_PER_MINUTE requests a minute.
  if (route.id?.startsWith('/public')) {
    const portal = await portalSettings(await getDb());
    if (!portal.enabled) return plain(404, t(lang, 'publicNotFound'));
    event.locals.portal = portal;
    const address = event.getClientAddress();
    if (!publicLimit().take(address))
      return new Response(t(lang, 'publicTooMany'), {
        status: 429,
        headers: {
          'content-type': 'text/plain; charset=utf-8',
          'retry-after': String(publicLimit().retryAfter(address))
        }
      });
  }
  const decision = decide(route.id, method, actionName(url), event.locals.user?.role ?? null);
  if (decision === 'unknown-route')
    return plain(500, `route ${route.id} has no access policy (src/lib/authz.ts)`);
  if (decision === 'unknown-action') return plain(404, `no such action on ${route.id}`);
  if (decision === 'sign-in') {
    const page = method === 'GET' && !url.pathname.startsWith('/api/');
    if (page) redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
    return plain(401, t(lang, 'authSignInFirst'));
  }
  if (decision === 'forbidden')
    return plain(
      403,
      `${t(lang, 'authForbidden')} (${event.locals.user!.username}: ${event.locals.user!.role})`
    );
  const response = await resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', lang)
  });
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    if (!response.headers.has(name)) response.headers.set(name, value);
  return response;
};
