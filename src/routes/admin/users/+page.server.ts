import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import {
  AuthError,
  createUser,
  listUsers,
  randomPassword,
  updateUser
} from '$lib/server/services/auth.service';
import { whoOf } from '$lib/server/who';

/** Accounts, for administrators: create one, change its role, deactivate it, reset its password. */
export const load: PageServerLoad = async () => ({ users: await listUsers(await getDb()) });

const text = (form: FormData, name: string) => String(form.get(name) ?? '').trim();

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const password = randomPassword();
    const values = {
      username: text(form, 'username'),
      displayName: text(form, 'displayName'),
      role: text(form, 'role')
    };
    try {
      await createUser(await getDb(), { ...values, password }, whoOf(locals));
    } catch (e) {
      if (e instanceof AuthError) return fail(e.status, { message: e.said[locals.lang], values });
      throw e;
    }
    // Shown once, to be handed to the new user.
    return { created: { username: values.username, password } };
  },
  update: async ({ request, locals }) => {
    const form = await request.formData();
    const reset = form.get('resetPassword') === 'on';
    const password = reset ? randomPassword() : undefined;
    try {
      await updateUser(
        await getDb(),
        Number(form.get('id')),
        Number(form.get('version')),
        {
          displayName: text(form, 'displayName'),
          role: text(form, 'role'),
          active: form.get('active') === 'on',
          password
        },
        whoOf(locals)
      );
    } catch (e) {
      if (e instanceof AuthError) return fail(e.status, { message: e.said[locals.lang] });
      throw e;
    }
    return password ? { reset: { id: Number(form.get('id')), password } } : { saved: true };
  }
};
