/**
 * How large a request body may be. Every route takes at most HOZEN_BODY_LIMIT_KB (default 1024:
 * a sign-in, a form, a scenario); the import endpoint takes an upload of at most
 * HOZEN_IMPORT_LIMIT_MB (default 200), streamed to disk. A body over its limit is answered 413
 * before it is read; a body of unknown length (chunked) is accepted only by the import endpoint,
 * which counts it as it comes.
 */

import { envInt } from './env';

/**
 * The paths that take uploads: the import, the inspection of a file to map its columns, the
 * import page's census form and the 予実 page's CSV forms (each of those bounds its own form).
 */
export const IMPORT_PATH = '/api/import';
export const UPLOAD_PATHS: readonly string[] = [
  IMPORT_PATH,
  '/api/import/inspect',
  '/import',
  '/plan/actual'
];

/**
 * A record card (a facility's or an asset's page): its works-done form takes up to five documents
 * of 5 MB each (the form bounds itself); every other route keeps the body limit.
 */
const CARD_PATH = /^\/(facilities|assets)\/[^/]+$/;
export const CARD_FORM_BYTES = 5 * 5 * 1024 * 1024 + 1024 * 1024;

export interface BodyLimits {
  /** Bytes any route takes. */
  body: number;
  /** Bytes of an upload to the import endpoint (the file; the form around it adds a little). */
  upload: number;
}

export function bodyLimits(): BodyLimits {
  return {
    body: envInt('HOZEN_BODY_LIMIT_KB', 1024, 1, 1024 * 1024) * 1024,
    upload: envInt('HOZEN_IMPORT_LIMIT_MB', 200, 1, 100 * 1024) * 1024 * 1024
  };
}

/** Room for the multipart form around an upload (its other fields, boundaries and headers). */
export const FORM_OVERHEAD = 1024 * 1024;

const mib = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

/**
 * Whether a request must be refused before its body is read: 413 when its declared length is over
 * the route's limit, 411 when a route other than the import sends a body of unknown length.
 */
export function bodyRefusal(
  method: string | undefined,
  url: string | undefined,
  headers: { 'content-length'?: string; 'transfer-encoding'?: string },
  limits: BodyLimits
): { status: 411 | 413; message: string } | null {
  let pathname = '/';
  try {
    pathname = new URL(url ?? '/', 'http://hozen').pathname;
  } catch {
    // A request line Node accepted but URL does not: the app answers it.
  }
  const upload = method === 'POST' && UPLOAD_PATHS.includes(pathname);
  const card = method === 'POST' && CARD_PATH.test(pathname);
  const limit = upload
    ? limits.upload + FORM_OVERHEAD
    : card
      ? Math.max(CARD_FORM_BYTES, limits.body)
      : limits.body;
  const declared = headers['content-length'];
  if (declared !== undefined) {
    const length = Number(declared);
    if (Number.isFinite(length) && length > limit)
      return {
        status: 413,
        message: upload
          ? `the file is larger than the import limit of ${mib(limits.upload)} (HOZEN_IMPORT_LIMIT_MB)`
          : `the request is larger than ${mib(limit)}`
      };
    return null;
  }
  if (headers['transfer-encoding'] && !upload)
    return { status: 411, message: 'send the length of the request (Content-Length)' };
  return null;
}
