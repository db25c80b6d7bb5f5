import { error, redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { LANGS, type Lang } from '$lib/i18n/messages';

/** Switches the UI language (remembered in a cookie for a year) and returns to the page. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
  if (!(LANGS as readonly string[]).includes(params.code)) {
    error(400, `unknown language "${params.code}" (use ja or en)`);
  }
  cookies.set('lang', params.code as Lang, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    httpOnly: false,
    sameSite: 'lax'
  });
  const back = url.searchParams.get('back') ?? '/';
  // Only same-site paths: never redirect to another host.
  redirect(303, back.startsWith('/') && !back.startsWith('//') ? back : '/');
};
