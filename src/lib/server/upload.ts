/**
 * Receiving an upload without holding it: a multipart form's file is streamed to a file in a
 * folder of the caller's, its other fields collected (small), and the whole bounded — the file by
 * the import limit, the fields by count and size.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { Busboy, type BusboyInstance } from '@fastify/busboy';

export class UploadError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413
  ) {
    super(message);
  }
}

export interface Upload {
  fields: Record<string, string>;
  file: { name: string; path: string; size: number } | null;
}

/**
 * A file name safe to write in the upload's folder: its last part, without control characters;
 * `..`, `.` or nothing become `upload`.
 */
export function safeFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const base = path.basename(name.replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '');
  return base === '' || base === '.' || base === '..' ? 'upload' : base.slice(0, 200);
}

/**
 * Streams a multipart request's file (the part named `fileField`) into `dir`; 413 as soon as it
 * passes `maxBytes`, 400 for a body that is not a multipart form.
 */
export async function receiveUpload(
  request: Request,
  dir: string,
  maxBytes: number,
  fileField = 'file'
): Promise<Upload> {
  const contentType = request.headers.get('content-type') ?? '';
  if (!contentType.startsWith('multipart/form-data') || !request.body)
    throw new UploadError('expected a multipart form with the file', 400);
  let busboy: BusboyInstance;
  try {
    busboy = new Busboy({
      headers: { 'content-type': contentType },
      limits: { fileSize: maxBytes, files: 1, fields: 30, fieldSize: 1024 * 1024, parts: 40 }
    });
  } catch (e) {
    throw new UploadError(`expected a multipart form with the file (${(e as Error).message})`, 400);
  }
  const fields: Record<string, string> = {};
  let file: Upload['file'] = null;
  const writes: Promise<void>[] = [];
  const done = new Promise<void>((resolve, reject) => {
    busboy.on('field', (name: string, value: string) => {
      fields[name] = value;
    });
    busboy.on('file', (name: string, stream: Readable, filename: string) => {
      if (name !== fileField || file) {
        stream.resume();
        return;
      }
      const target = { name: safeFileName(filename || 'upload'), path: '', size: 0 };
      target.path = path.join(dir, target.name);
      file = target;
      stream.on('data', (chunk: Buffer) => (target.size += chunk.length));
      stream.on('limit', () =>
        reject(
          new UploadError(
            `the file is larger than the import limit of ${Math.round(maxBytes / 1024 / 1024)} MB (HOZEN_IMPORT_LIMIT_MB)`,
            413
          )
        )
      );
      writes.push(pipeline(stream, fs.createWriteStream(target.path)));
    });
    busboy.on('error', (e: Error) =>
      reject(new UploadError(`the form could not be read (${e.message})`, 400))
    );
    busboy.on('finish', resolve);
  });
  const body = Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>);
  body.on('error', () => busboy.destroy());
  body.pipe(busboy);
  try {
    await done;
    await Promise.all(writes);
  } catch (e) {
    body.destroy();
    if (e instanceof UploadError) throw e;
    throw new UploadError(`the upload did not arrive whole (${(e as Error).message})`, 400);
  }
  return { fields, file };
}

/** The name of every upload folder under the system's temporary folder. */
export const UPLOAD_PREFIX = 'hozen-upload-';

/**
 * Removes upload folders left by a server that stopped mid-import (at start-up). Only folders
 * older than an hour: another Hozen on the machine may be importing now.
 */
export async function clearStaleUploads(tmp: string, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const entry of await fs.promises.readdir(tmp, { withFileTypes: true })) {
    if (!entry.isDirectory() || !entry.name.startsWith(UPLOAD_PREFIX)) continue;
    const full = path.join(tmp, entry.name);
    const stat = await fs.promises.stat(full).catch(() => null);
    if (!stat || now - stat.mtimeMs < 60 * 60 * 1000) continue;
    await fs.promises.rm(full, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/**
 * A form with small files (a CSV of the year's contracts, a work's documents), read whole: refused
 * (413) before it is read when its declared length passes `maxBytes`, or when it declares none.
 */
export async function boundedFormData(request: Request, maxBytes: number): Promise<FormData> {
  const declared = Number(request.headers.get('content-length'));
  if (!Number.isFinite(declared) || declared <= 0 || declared > maxBytes)
    throw new UploadError(
      `the form is larger than ${Math.round(maxBytes / 1024 / 1024)} MB, or says no size`,
      413
    );
  return request.formData();
}
