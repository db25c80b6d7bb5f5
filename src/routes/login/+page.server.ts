import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AuthError, SESSION_COOKIE, signIn } from '$lib/server/services/auth.service';

/** Where to go after signing in: a path of this site only (never another origin). */
function nextPath(raw: string | null): string {
  return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, nextPath(url.searchParams.get('next')));
  return { next: nextPath(url.searchParams.get('next')) };
};

export const actions: Actions = {
  default: async ({ request, cookies, getClientAddress, url }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = nextPath(String(form.get('next') ?? ''));
    try {
      const session = await signIn(await getDb(), username, password, getClientAddress());
      cookies.set(SESSION_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: url.protocol === 'https:',
        maxAge: 7 * 24 * 60 * 60
      });
    } catch (e) {
      if (e instanceof AuthError) return fail(e.status, { username, message: e.message });
      throw e;
    }
    redirect(303, next);
  }
};
