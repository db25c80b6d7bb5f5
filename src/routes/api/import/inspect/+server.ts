/**
 * POST a file (multipart: file, encoding) to map its columns on the import page: its header, its
 * first rows, each column's words, the format Hozen recognises (or null) and a first mapping.
 * Nothing is written; the upload is removed when the answer is made.
 */
import { error, json } from '@sveltejs/kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from './$types';
import { inspectFile } from '$lib/server/services/import.service';
import { bodyLimits } from '$lib/server/limits';
import { receiveUpload, UploadError, UPLOAD_PREFIX } from '$lib/server/upload';
import type { Inspection } from '$lib/io/mapping-suggest';

/**
 * POST /api/import/inspect: the file's head read for the column mapping — or, for a GeoPackage of
 * several layers with none chosen, the layers to choose from.
 */
export type InspectResponse = Inspection | { problem: string; layers: string[] };

const ENCODINGS = ['auto', 'utf-8', 'shift_jis'] as const;

export const POST: RequestHandler = async ({ request, locals }) => {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), UPLOAD_PREFIX));
  try {
    const upload = await receiveUpload(request, dir, bodyLimits().upload).catch((e: unknown) => {
      if (e instanceof UploadError) error(e.status, e.message);
      throw e;
    });
    const file = upload.file;
    if (!file || file.size === 0) error(400, 'choose a file (it is empty or missing)');
    const encoding = (upload.fields.encoding ?? '').trim() || 'auto';
    if (!(ENCODINGS as readonly string[]).includes(encoding))
      error(400, `unknown encoding "${encoding}"`);
    const inspection = await inspectFile(
      file.path,
      file.name,
      encoding as (typeof ENCODINGS)[number],
      (upload.fields.layer ?? '').trim() || null,
      locals.lang
    );
    if ('problem' in inspection) {
      if (inspection.layers?.length)
        return json({
          problem: inspection.problem,
          layers: inspection.layers
        } satisfies InspectResponse);
      error(400, `${file.name}: ${inspection.problem}`);
    }
    return json(inspection satisfies InspectResponse);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
};
