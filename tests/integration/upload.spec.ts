/**
 * Uploads are streamed to disk, never held whole, and bounded; their names cannot leave the
 * upload's folder; folders left by a stopped server are cleared at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  clearStaleUploads,
  receiveUpload,
  safeFileName,
  UPLOAD_PREFIX
} from '../../src/lib/server/upload';
import { tempDir } from './helpers/temp-db';

const dir = tempDir();
const BOUNDARY = 'hozen-test-boundary';

/** A multipart request whose file part is `size` bytes, generated as it is read. */
function multipart(size: number, filename = 'register.csv'): Request {
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="format"\r\n\r\nhozen\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      'Content-Type: text/csv\r\n\r\n'
  );
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = new Uint8Array(1 << 20).fill(0x61);
  let sent = 0;
  let stage = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (stage === 0) {
        controller.enqueue(head);
        stage = 1;
      } else if (sent < size) {
        const n = Math.min(chunk.length, size - sent);
        controller.enqueue(chunk.subarray(0, n));
        sent += n;
      } else {
        controller.enqueue(tail);
        controller.close();
      }
    }
  });
  return new Request('http://hozen/api/import', {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
    body,
    duplex: 'half'
  } as RequestInit);
}

describe('uploads', () => {
  it('streams a large file to disk without holding it in memory', async () => {
    // Before the fix the upload was read whole by formData() and copied again to write it.
    const target = fs.mkdtempSync(path.join(dir, 'a-'));
    const size = 120 * 1024 * 1024;
    global.gc?.();
    const before = process.memoryUsage();
    const upload = await receiveUpload(multipart(size), target, 200 * 1024 * 1024);
    const after = process.memoryUsage();
    expect(upload.fields).toEqual({ format: 'hozen' });
    expect(upload.file).toMatchObject({ name: 'register.csv', size });
    expect(fs.statSync(upload.file!.path).size).toBe(size);
    // Far less than the file: it passed through in chunks.
    expect(
      after.heapUsed + after.arrayBuffers - before.heapUsed - before.arrayBuffers
    ).toBeLessThan(size / 3);
  });

  it('stops an upload as soon as it passes the limit', async () => {
    const target = fs.mkdtempSync(path.join(dir, 'b-'));
    await expect(
      receiveUpload(multipart(3 * 1024 * 1024), target, 1024 * 1024)
    ).rejects.toMatchObject({
      status: 413,
      message: 'the file is larger than the import limit of 1 MB (HOZEN_IMPORT_LIMIT_MB)'
    });
    const notForm = new Request('http://hozen/api/import', { method: 'POST', body: 'x' });
    await expect(receiveUpload(notForm, target, 1024)).rejects.toMatchObject({ status: 400 });
  });

  it('keeps every file name inside the upload folder', async () => {
    // Before the fix an upload named ".." answered 500.
    expect(safeFileName('..')).toBe('upload');
    expect(safeFileName('.')).toBe('upload');
    expect(safeFileName('')).toBe('upload');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\市役所\\施設一覧.csv')).toBe('施設一覧.csv');
    expect(safeFileName('a\u0000b\nc.csv')).toBe('abc.csv');
    const target = fs.mkdtempSync(path.join(dir, 'c-'));
    const upload = await receiveUpload(multipart(10, '..'), target, 1024);
    expect(path.dirname(upload.file!.path)).toBe(target);
    expect(upload.file!.name).toBe('upload');
  });

  it('clears upload folders left by a stopped server, not one being used now', async () => {
    const tmp = fs.mkdtempSync(path.join(dir, 'tmp-'));
    const old = path.join(tmp, `${UPLOAD_PREFIX}old`);
    const fresh = path.join(tmp, `${UPLOAD_PREFIX}fresh`);
    const other = path.join(tmp, 'someone-else');
    for (const d of [old, fresh, other]) fs.mkdirSync(d);
    fs.writeFileSync(path.join(old, 'big.csv'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    fs.utimesSync(other, twoHoursAgo, twoHoursAgo);
    expect(await clearStaleUploads(tmp)).toBe(1);
    expect(fs.existsSync(old)).toBe(false);
    expect(fs.existsSync(fresh)).toBe(true);
    expect(fs.existsSync(other)).toBe(true);
  });
});
