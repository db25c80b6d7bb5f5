import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { importActuals, planVsActualPage } from '$lib/server/services/actuals.service';
import { boundedFormData, UploadError } from '$lib/server/upload';
import { reasonIn } from '$lib/io/row-error';
import { ACTUALS_COLUMN_NAMES } from '$lib/io/actuals-csv';

/** A year's contracts fit in far less: 50,000 rows of a few hundred bytes. */
const MAX_CSV_BYTES = 20 * 1024 * 1024;

export const load: PageServerLoad = async () => planVsActualPage(await getDb());

export const actions: Actions = {
  /** Imports a CSV of works done, all or nothing. */
  import: async ({ request, locals }) => {
    let form: FormData;
    try {
      form = await boundedFormData(request, MAX_CSV_BYTES);
    } catch (e) {
      if (e instanceof UploadError)
        return fail(e.status, {
          message: locals.lang === 'ja' ? 'ファイルが大きすぎます（20 MB まで）' : e.message,
          errors: []
        });
      throw e;
    }
    const file = form.get('file');
    if (!(file instanceof File) || file.size === 0)
      return fail(400, {
        message: locals.lang === 'ja' ? 'CSV ファイルを選んでください' : 'choose a CSV file',
        errors: []
      });
    const result = await importActuals(
      await getDb(),
      whoOf(locals),
      file.name.slice(0, 200),
      new Uint8Array(await file.arrayBuffer())
    );
    if (result.errors.length)
      return fail(400, {
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
                ? (ACTUALS_COLUMN_NAMES[e.column as keyof typeof ACTUALS_COLUMN_NAMES] ?? e.column)
                : e.column,
          value: e.value,
          reason: reasonIn(locals.lang, e)
        }))
      });
    return { imported: result.imported, file: result.file };
  }
};
