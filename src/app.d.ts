// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/messages';
import type { User } from '$lib/server/services/auth.service';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
      /** The signed-in user, or null. */
      user: User | null;
    }
  }
}

export {};
