import { BusyError, ComputeLimitError } from './compute/pool';

/**
 * The answer to a request the compute pool could not take or finish: 429 or 503 with
 * Retry-After, or 413 when the computation outgrew its memory; null for any other error.
 */
export function computeFailure(e: unknown): Response | null {
  const headers = { 'content-type': 'text/plain; charset=utf-8' };
  if (e instanceof BusyError)
    return new Response(e.message, {
      status: e.status,
      headers: { ...headers, 'retry-after': '30' }
    });
  if (e instanceof ComputeLimitError) return new Response(e.message, { status: 413, headers });
  return null;
}
