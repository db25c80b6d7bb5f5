import type { LayoutServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { getSettings } from '$lib/server/repositories/settings.repository';

export const load: LayoutServerLoad = async ({ locals }) => {
  const settings = await getSettings(await getDb());
  return {
    lang: locals.lang,
    user: locals.user
      ? {
          username: locals.user.username,
          displayName: locals.user.displayName,
          role: locals.user.role
        }
      : null,
    city: {
      nameJa: settings.city_name_ja ?? '',
      nameEn: settings.city_name_en ?? '',
      synthetic: settings.city_synthetic === '1'
    }
  };
};
