import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { AuthError, SESSION_COOKIE, signIn } from '$lib/server/services/auth.service';
import { returnPath } from '$lib/server/return-path';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, returnPath(url.searchParams.get('next'), url.origin));
  return { next: returnPath(url.searchParams.get('next'), url.origin) };
};

export const actions: Actions = {
  default: async ({ request, cookies, getClientAddress, url, locals }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    const next = returnPath(String(form.get('next') ?? ''), url.origin);
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
      if (e instanceof AuthError) return fail(e.status, { username, message: e.said[locals.lang] });
      throw e;
    }
    redirect(303, next);
  }
};
