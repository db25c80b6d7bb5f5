import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { facilitiesOpenData } from '$lib/server/services/open-data.service';

/** 公共施設一覧 (自治体標準オープンデータセット, UTF-8 with BOM), as the signed-in export. */
export const GET: RequestHandler = async () => {
  const { csv } = await facilitiesOpenData(await getDb());
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="public-facilities.csv"',
      'cache-control': 'public, max-age=300'
    }
  });
};
