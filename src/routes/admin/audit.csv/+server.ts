import { error } from '@sveltejs/kit';
import Papa from 'papaparse';
import type { RequestHandler } from './$types';
import { getDb } from '$lib/server/db';
import { allAudit, parseAuditFilter } from '$lib/server/repositories/audit-query';
import { guardCsvRow } from '$lib/io/csv-cell';

const HEADER = ['id', 'at', 'username', 'action', 'entity', 'entity_id', 'before', 'after', 'note'];

/**
 * The audit entries the filter selects, oldest first, as UTF-8 CSV (with a BOM for Excel); text a
 * spreadsheet would run as a formula is prefixed with ' (csv-cell.ts).
 */
export const GET: RequestHandler = async ({ url }) => {
  const parsed = parseAuditFilter(url.searchParams);
  if (!parsed.ok) error(400, parsed.problems.join('; '));
  const db = await getDb();
  const encoder = new TextEncoder();
  const entries = allAudit(db, parsed.filter);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`\uFEFF${HEADER.join(',')}\r\n`));
    },
    async pull(controller) {
      const rows: unknown[][] = [];
      for (let next = await entries.next(); ; next = await entries.next()) {
        if (next.done) {
          if (rows.length) controller.enqueue(encoder.encode(Papa.unparse(rows) + '\r\n'));
          controller.close();
          return;
        }
        const e = next.value;
        rows.push(
          guardCsvRow([
            e.id,
            e.at,
            e.username,
            e.action,
            e.entity,
            e.entityId,
            e.before,
            e.after,
            e.note
          ])
        );
        if (rows.length === 1000) {
          controller.enqueue(encoder.encode(Papa.unparse(rows) + '\r\n'));
          return;
        }
      }
    }
  });
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="hozen-audit.csv"'
    }
  });
};
