import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { listImportMappings } from '$lib/server/repositories/import-mappings.repository';
import { PLANE_ZONE_CODES, describeCrs } from '$lib/io/crs';
import { whoOf } from '$lib/server/who';
import { boundedFormData, UploadError } from '$lib/server/upload';
import { importPopulationFiles } from '$lib/server/services/population.service';
import { computeRefusal } from '$lib/server/busy';

export const load: PageServerLoad = async () => ({
  mappings: await listImportMappings(await getDb()),
  crsOptions: ['EPSG:4326', 'EPSG:6668', ...PLANE_ZONE_CODES].map((code) => ({
    code,
    label: describeCrs(code)
  }))
});

/** A city's census table and its boundaries fit well within this. */
const MAX_POPULATION_BYTES = 60 * 1024 * 1024;

export const actions: Actions = {
  /**
   * Imports a census small-area table with its boundaries (GeoJSON with KEY_CODE) for a census
   * year: the year's areas are replaced, or nothing is written and the page says why.
   */
  population: async ({ request, locals }) => {
    const ja = locals.lang === 'ja';
    const refuse = (message: string) => fail(400, { populationMessage: message });
    let form: FormData;
    try {
      form = await boundedFormData(request, MAX_POPULATION_BYTES);
    } catch (e) {
      if (e instanceof UploadError)
        return fail(413, {
          populationMessage: ja ? 'ファイルが大きすぎます（合わせて 60 MB まで）' : e.message
        });
      throw e;
    }
    const table = form.get('table');
    const outlines = form.get('boundaries');
    const year = Number(
      String(form.get('year') ?? '')
        .normalize('NFKC')
        .trim()
    );
    if (!(table instanceof File) || table.size === 0)
      return refuse(ja ? '国勢調査の表（CSV）を選んでください' : 'choose the census table (CSV)');
    if (!(outlines instanceof File) || outlines.size === 0)
      return refuse(
        ja ? '境界データ（GeoJSON）を選んでください' : 'choose the boundaries (GeoJSON)'
      );
    if (!Number.isInteger(year) || year < 1920 || year > 2100 || year % 5 !== 0)
      return refuse(
        ja
          ? '調査年：国勢調査の年（2020 など、5年ごと）を入力してください'
          : 'census year: the year of a census (2020 …, every five years)'
      );
    // Decoded, parsed and placed in the compute pool (the boundaries are tens of megabytes).
    let result;
    try {
      result = await importPopulationFiles(await getDb(), whoOf(locals), {
        table: new Uint8Array(await table.arrayBuffer()),
        tableName: table.name.slice(0, 200),
        boundaries: new Uint8Array(await outlines.arrayBuffer()),
        boundariesName: outlines.name.slice(0, 200),
        year,
        source: table.name.slice(0, 200)
      });
    } catch (e) {
      const refusal = computeRefusal(e, locals.lang);
      if (refusal) return fail(refusal.status, { populationMessage: refusal.message });
      throw e;
    }
    if ('refused' in result) return refuse(result.refused[locals.lang]);
    const said = {
      areas: result.areas,
      hidden: result.hidden,
      unplaced: result.unplaced.length,
      unplacedCodes: result.unplaced.slice(0, 20),
      problems: result.problems.map((p) => p[locals.lang])
    };
    if (!result.written)
      return fail(400, {
        populationMessage: ja
          ? `${table.name} を取り込めませんでした（何も保存していません）`
          : `${table.name} was not imported (nothing was stored)`,
        population: said
      });
    return { population: { ...said, year } };
  }
};
