import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { importActuals, planVsActualPage } from '$lib/server/services/actuals.service';
import { boundedFormData, UploadError } from '$lib/server/upload';
import { reasonIn } from '$lib/io/row-error';
import { ACTUALS_COLUMN_NAMES } from '$lib/io/actuals-csv';
import { USAGE_COLUMN_NAMES } from '$lib/io/usage-csv';
import { importUsage } from '$lib/server/services/usage.service';
import type { RowError } from '$lib/io/row-error';

/** A year's contracts fit in far less: 50,000 rows of a few hundred bytes. */
const MAX_CSV_BYTES = 20 * 1024 * 1024;

export const load: PageServerLoad = async () => planVsActualPage(await getDb());

/**
 * Reads an uploaded CSV (bounded) and imports it with `run`, all or nothing: the problems come
 * back with the column as the reader's file names it; `which` says which form they belong to.
 */
async function csvImport<T extends { file: string; errors: RowError[] }>(
  request: Request,
  locals: App.Locals,
  which: 'actual' | 'usage',
  columnNames: Record<string, string>,
  run: (file: string, bytes: Uint8Array) => Promise<T>
) {
  let form: FormData;
  try {
    form = await boundedFormData(request, MAX_CSV_BYTES);
  } catch (e) {
    if (e instanceof UploadError)
      return fail(e.status, {
        which,
        message: locals.lang === 'ja' ? 'ファイルが大きすぎます（20 MB まで）' : e.message,
        errors: []
      });
    throw e;
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    return fail(400, {
      which,
      message: locals.lang === 'ja' ? 'CSV ファイルを選んでください' : 'choose a CSV file',
      errors: []
    });
  const result = await run(file.name.slice(0, 200), new Uint8Array(await file.arrayBuffer()));
  if (result.errors.length)
    return fail(400, {
      which,
      message:
        locals.lang === 'ja'
          ? `${result.file} を取り込めませんでした（${result.errors.length} 件の問題。何も保存していません）`
          : `${result.file} was not imported (${result.errors.length} problems; nothing was stored)`,
      errors: result.errors.slice(0, 200).map((e) => ({
        row: e.row,
        // The column as the reader's file names it, not Hozen's key.
        column:
          e.column === null
            ? null
            : locals.lang === 'ja'
              ? (columnNames[e.column] ?? e.column)
              : e.column,
        value: e.value,
        reason: reasonIn(locals.lang, e)
      }))
    });
  return { which, result };
}

export const actions: Actions = {
  /** Imports a CSV of works done, all or nothing. */
  import: async ({ request, locals }) => {
    const done = await csvImport(
      request,
      locals,
      'actual',
      ACTUALS_COLUMN_NAMES,
      async (file, bytes) => importActuals(await getDb(), whoOf(locals), file, bytes)
    );
    if (!('result' in done)) return done;
    return { which: done.which, imported: done.result.imported, file: done.result.file };
  },
  /** Imports a CSV of facilities' use per year, all or nothing. */
  usage: async ({ request, locals }) => {
    const done = await csvImport(
      request,
      locals,
      'usage',
      USAGE_COLUMN_NAMES,
      async (file, bytes) => importUsage(await getDb(), whoOf(locals), file, bytes)
    );
    if (!('result' in done)) return done;
    return {
      which: done.which,
      imported: done.result.imported,
      facilities: done.result.facilities,
      file: done.result.file
    };
  }
};
