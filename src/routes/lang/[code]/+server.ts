import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { LANGS, type Lang } from '$lib/i18n/messages';
import { returnPath } from '$lib/server/return-path';

/** Switches the UI language (remembered in a cookie for a year) and returns to the page. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
  if (!(LANGS as readonly string[]).includes(params.code)) {
    error(400, `unknown language "${params.code}" (use ja or en)`);
  }
  cookies.set('lang', params.code as Lang, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    httpOnly: false,
    sameSite: 'lax',
    // Over plain HTTP (a city's intranet) a Secure cookie would never be sent back.
    secure: url.protocol === 'https:'
  });
  redirect(303, returnPath(url.searchParams.get('back'), url.origin));
};
