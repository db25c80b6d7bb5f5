import { BusyError, ComputeLimitError, ComputeWorkerError } from './compute/pool';
import type { Lang } from '../i18n/messages';

/**
 * Why the compute pool could not take or finish a task, in the reader's language: 429 or 503 (busy),
 * 413 (the computation outgrew its memory or time), 500 (its worker could not start); null for any
 * other error.
 */
export function computeRefusal(
  e: unknown,
  lang: Lang
): { status: 413 | 429 | 500 | 503; message: string } | null {
  if (e instanceof BusyError) return { status: e.status, message: e.said[lang] };
  if (e instanceof ComputeLimitError) return { status: 413, message: e.said[lang] };
  if (e instanceof ComputeWorkerError) return { status: 500, message: e.said[lang] };
  return null;
}

/** The same as an endpoint's answer (429 and 503 with Retry-After); null for any other error. */
export function computeFailure(e: unknown, lang: Lang): Response | null {
  const refusal = computeRefusal(e, lang);
  if (!refusal) return null;
  return new Response(refusal.message, {
    status: refusal.status,
    headers: {
      'content-type': 'text/plain; charset=utf-8',
      // Busy: try again shortly. Too large, or a fault of the server: waiting will not help.
      ...(refusal.status === 413 || refusal.status === 500 ? {} : { 'retry-after': '30' })
    }
  });
}
