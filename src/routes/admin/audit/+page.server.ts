import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { auditVocabulary, findAudit, parseAuditFilter } from '$lib/server/repositories/audit-query';

const PAGE = 100;

/** The audit log for administrators: filtered, a hundred entries a page, newest first. */
export const load: PageServerLoad = async ({ url }) => {
  const parsed = parseAuditFilter(url.searchParams);
  if (!parsed.ok) error(400, parsed.problems.join('; '));
  const page = Number(url.searchParams.get('page') ?? '1');
  if (!Number.isInteger(page) || page < 1 || page > 1_000_000)
    error(400, `page: a whole number from 1 (got "${url.searchParams.get('page')}")`);
  const db = await getDb();
  const { entries, total } = await findAudit(db, parsed.filter, {
    offset: (page - 1) * PAGE,
    limit: PAGE
  });
  return {
    filter: parsed.filter,
    entries,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE)),
    vocabulary: await auditVocabulary(db)
  };
};
