// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Lang } from '$lib/i18n/messages';
import type { User } from '$lib/server/services/auth.service';
import type { PortalSettings } from '$lib/server/services/public-portal.service';

declare global {
  namespace App {
    interface Locals {
      lang: Lang;
      /** The signed-in user, or null. */
      user: User | null;
      /** On a public page: what the portal publishes, as the hook read it (once a request). */
      portal?: PortalSettings;
    }
  }
}

export {};
