import { describe, expect, it } from 'vitest';
import { bodyRefusal, CARD_FORM_BYTES, FORM_OVERHEAD, IMPORT_PATH } from './limits';

const limits = { body: 1024 * 1024, upload: 200 * 1024 * 1024 };

describe('bodyRefusal', () => {
  it('refuses a declared length over the route limit before reading it', () => {
    const huge = String(1024 ** 3);
    expect(bodyRefusal('POST', '/login', { 'content-length': huge }, limits)?.status).toBe(413);
    expect(bodyRefusal('POST', '/login', { 'content-length': String(limits.body) }, limits)).toBe(
      null
    );
    expect(
      bodyRefusal('POST', '/login', { 'content-length': String(limits.body + 1) }, limits)
    ).toMatchObject({ status: 413, message: 'the request is larger than 1 MB' });
    // A GET carrying a body is bounded too.
    expect(bodyRefusal('GET', '/', { 'content-length': huge }, limits)?.status).toBe(413);
  });

  it('gives the import endpoint its own limit, with room for the form around the file', () => {
    const at = (n: number) =>
      bodyRefusal('POST', `${IMPORT_PATH}?x=1`, { 'content-length': String(n) }, limits);
    expect(at(limits.upload + FORM_OVERHEAD)).toBeNull();
    expect(at(limits.upload + FORM_OVERHEAD + 1)).toMatchObject({
      status: 413,
      message: 'the file is larger than the import limit of 200 MB (HOZEN_IMPORT_LIMIT_MB)'
    });
    // The forms that take files (the census, the 予実 page's CSVs) bound their own form after it.
    for (const path of ['/import?/population', '/plan/actual?/usage'])
      expect(bodyRefusal('POST', path, { 'content-length': String(5e6) }, limits)).toBeNull();
    // Not by a path that only looks like it.
    expect(
      bodyRefusal('POST', '/api/import/../login', { 'content-length': String(5e6) }, limits)
    ).toMatchObject({ status: 413 });
  });

  it('lets a record card take its works-done documents (five of 5 MB), and no more', () => {
    const at = (path: string, n: number) =>
      bodyRefusal('POST', path, { 'content-length': String(n) }, limits);
    expect(at('/facilities/F0001?/actual', 20e6)).toBeNull();
    expect(at('/assets/B0001?/actual', CARD_FORM_BYTES)).toBeNull();
    expect(at('/assets/B0001?/actual', CARD_FORM_BYTES + 1)).toMatchObject({
      status: 413,
      message: 'the request is larger than 26 MB'
    });
    // Only the card itself: not the pages under it, nor other routes.
    expect(at('/facilities/F0001/other', 2e6)?.status).toBe(413);
    expect(at('/facilities?/classify', 2e6)?.status).toBe(413);
  });

  it('takes a body of unknown length only at the import endpoint', () => {
    const chunked = { 'transfer-encoding': 'chunked' };
    expect(bodyRefusal('POST', '/login', chunked, limits)?.status).toBe(411);
    expect(bodyRefusal('POST', IMPORT_PATH, chunked, limits)).toBeNull();
  });
});
