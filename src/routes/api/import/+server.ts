/**
 * POST an import (multipart form: file — streamed to disk, at most HOZEN_IMPORT_LIMIT_MB — format, encoding, crs, target, mapping JSON, dryRun,
 * validOnly, saveMappingAs). The answer is a stream of JSON lines: {"type":"progress",…} while the
 * file is checked and written, then {"type":"report", report, preview}. A bad form gets a 400
 * with the reason; a bad file a report with its errors (nothing written).
 */
import { error } from '@sveltejs/kit';
import { computeRefusal } from '$lib/server/busy';
import type { Lang } from '$lib/i18n/messages';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { importFile, previewFile, type ImportReport } from '$lib/server/services/import.service';
import { saveImportMapping } from '$lib/server/repositories/import-mappings.repository';
import { IMPORT_FORMATS, retarget, type ImportMapping } from '$lib/io/import-mapping';
import { parseMapping } from '$lib/io/mapping-schema';
import { bodyLimits } from '$lib/server/limits';
import { receiveUpload, UploadError, UPLOAD_PREFIX } from '$lib/server/upload';

const ENCODINGS = ['auto', 'utf-8', 'shift_jis'] as const;

/** The report as the page gets it: at most 1,000 of its row problems, and how many there were. */
export type ReportOnPage = ImportReport & { errorCount: number };

/** One line of the answer's stream (JSON lines). */
export type ImportLine =
  | { type: 'preview'; preview: Awaited<ReturnType<typeof previewFile>> }
  | { type: 'progress'; phase: 'validate' | 'write'; rows: number }
  | { type: 'report'; report: ReportOnPage }
  | { type: 'failed'; message: string };

export const POST: RequestHandler = async ({ request, locals }) => {
  // The upload goes to a private temporary folder, removed when the import ends (or fails).
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), UPLOAD_PREFIX));
  let streaming = false;
  try {
    const upload = await receiveUpload(request, dir, bodyLimits().upload).catch((e: unknown) => {
      if (e instanceof UploadError) error(e.status, e.message);
      throw e;
    });
    const file = upload.file;
    if (!file || file.size === 0) error(400, 'choose a file to import (it is empty or missing)');
    const text = (name: string) => (upload.fields[name] ?? '').trim();
    const format = text('format');
    if (format && !(IMPORT_FORMATS as readonly string[]).includes(format))
      error(400, `unknown format "${format}" (formats: ${IMPORT_FORMATS.join(', ')})`);
    const encoding = text('encoding') || 'auto';
    if (!(ENCODINGS as readonly string[]).includes(encoding))
      error(400, `unknown encoding "${encoding}"`);
    let mapping: ImportMapping | null = null;
    if (text('mapping')) {
      let data: unknown;
      try {
        data = JSON.parse(text('mapping'));
      } catch (e) {
        error(400, `the mapping is not valid JSON (${(e as Error).message})`);
      }
      const parsed = parseMapping(data);
      if (!parsed.ok) error(400, `mapping: ${parsed.errors.join('; ')}`);
      mapping = parsed.mapping;
    }
    const target = text('target');
    if (target === 'hazards' || target === 'assets') mapping = retarget(mapping, target);
    const db = await getDb();
    const saveAs = text('saveMappingAs');
    if (saveAs) {
      if (!mapping) error(400, 'give a mapping to save');
      await saveImportMapping(db, saveAs, mapping);
    }
    const { name, path: filePath } = file;
    streaming = true;
    return new Response(
      importStream(dir, locals.lang, async (send) => {
        const preview = await previewFile(
          filePath,
          name,
          encoding as (typeof ENCODINGS)[number],
          6,
          text('layer') || null
        );
        send({ type: 'preview', preview });
        const report = await importFile(db, {
          path: filePath,
          name,
          format: (format || undefined) as (typeof IMPORT_FORMATS)[number] | undefined,
          mapping,
          crs: text('crs') || null,
          layer: text('layer') || null,
          encoding: encoding as (typeof ENCODINGS)[number],
          dryRun: text('dryRun') === '1',
          validOnly: text('validOnly') === '1',
          username: locals.user?.username ?? null,
          onProgress: (phase, rows) => send({ type: 'progress', phase, rows })
        });
        send({
          type: 'report',
          report: {
            ...report,
            errors: report.errors.slice(0, 1000),
            errorCount: report.errors.length
          }
        });
      }),
      { headers: { 'content-type': 'application/x-ndjson; charset=utf-8' } }
    );
  } finally {
    if (!streaming) await fs.promises.rm(dir, { recursive: true, force: true });
  }
};

/** The answer as JSON lines while `work` runs; the upload's folder removed when it ends. */
function importStream(
  dir: string,
  lang: Lang,
  work: (send: (line: ImportLine) => void) => Promise<void>
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: ImportLine) =>
        controller.enqueue(encoder.encode(JSON.stringify(line) + '\n'));
      try {
        await work(send);
      } catch (e) {
        // The pool busy (or the file too large for it) is said in the reader's language.
        send({ type: 'failed', message: computeRefusal(e, lang)?.message ?? (e as Error).message });
      } finally {
        controller.close();
        await fs.promises.rm(dir, { recursive: true, force: true });
      }
    }
  });
}
