import { redirect } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { SESSION_COOKIE, signOut } from '$lib/server/services/auth.service';

/** Signs out: the session ends on the server, the cookie is cleared. */
export const POST: RequestHandler = async ({ cookies }) => {
  const token = cookies.get(SESSION_COOKIE);
  if (token) await signOut(await getDb(), token);
  cookies.delete(SESSION_COOKIE, { path: '/' });
  redirect(303, '/login');
};
