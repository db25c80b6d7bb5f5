/**
 * Facilities' use year by year (利用実績): imported from a CSV of users, yearly cost, capacity and
 * enrolled per facility and fiscal year (io/usage-csv.ts), all or nothing — a facility named by
 * its code, else by a name no other facility has; a facility's year is replaced when imported
 * again. The card's yearly users and running cost follow the latest year recorded. Read back as a
 * trend with cost per user, users per ㎡ and occupancy.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database';
import { decodeBytes } from '../../io/text-encoding';
import { fileError } from '../../io/csv-table';
import { parseUsageCsv } from '../../io/usage-csv';
import type { RowError } from '../../io/row-error';
import { writeAudit, type AuditWho } from '../repositories/audit.repository';
import { asOfYear } from '../repositories/settings.repository';
import { facilityKeys } from '../repositories/facilities.repository';
import {
  refreshCardFigures,
  replaceUsageYears,
  usageYears
} from '../repositories/usage.repository';
import type { UsageYear } from '../../usage';

export interface UsageImport {
  file: string;
  imported: number;
  facilities: number;
  errors: RowError[];
}

export async function importUsage(
  db: Kysely<Database>,
  who: AuditWho,
  file: string,
  bytes: Uint8Array
): Promise<UsageImport> {
  const fail = (errors: RowError[]): UsageImport => ({ file, imported: 0, facilities: 0, errors });
  const decoded = decodeBytes(bytes);
  if (!decoded.ok)
    return fail(
      fileError(file, decoded.reason, `文字コードを読めません（${decoded.reason}）`).errors
    );
  const parsed = parseUsageCsv(decoded.text, file, await asOfYear(db));
  if (!parsed.ok) return fail(parsed.errors);
  const facilities = await facilityKeys(db);
  const byCode = new Map(facilities.map((f) => [f.code, f.id]));
  const byName = new Map<string, number[]>();
  for (const f of facilities) {
    const key = f.name.normalize('NFKC').replace(/\s+/g, '');
    byName.set(key, [...(byName.get(key) ?? []), f.id]);
  }
  const errors: RowError[] = [];
  const resolved = parsed.rows.map((r) => {
    if (r.code !== null) {
      const id = byCode.get(r.code);
      if (id === undefined)
        errors.push({
          file,
          row: r.row,
          column: 'code',
          value: r.code,
          reason: 'is not a facility in the register',
          reasonJa: '台帳にない施設コードです'
        });
      return { ...r, facilityId: id ?? 0 };
    }
    const ids = byName.get(r.name!.normalize('NFKC').replace(/\s+/g, '')) ?? [];
    if (ids.length !== 1)
      errors.push({
        file,
        row: r.row,
        column: 'name',
        value: r.name,
        reason: ids.length
          ? `names ${ids.length} facilities; give the facility code`
          : 'is not a facility in the register',
        reasonJa: ids.length
          ? `同じ名前の施設が ${ids.length} 件あります。施設コードで指定してください`
          : '台帳にない施設名です'
      });
    return { ...r, facilityId: ids[0] ?? 0 };
  });
  // The same facility and year named once by code and once by name.
  const seen = new Map<string, number>();
  for (const r of resolved) {
    const key = `${r.facilityId}|${r.fiscalYear}`;
    if (r.facilityId && seen.has(key))
      errors.push({
        file,
        row: r.row,
        column: 'fiscal_year',
        value: String(r.fiscalYear),
        reason: `repeats row ${seen.get(key)} (the same facility and year)`,
        reasonJa: `${seen.get(key)} 行目と同じ施設・年度です`
      });
    seen.set(key, r.row);
  }
  if (errors.length) return fail(errors.sort((a, b) => a.row - b.row));

  const touched = [...new Set(resolved.map((r) => r.facilityId))];
  await db.transaction().execute(async (trx) => {
    await replaceUsageYears(
      trx,
      resolved.map((r) => ({
        facility_id: r.facilityId,
        fiscal_year: r.fiscalYear,
        users: r.users,
        cost_yen: r.costYen,
        capacity: r.capacity,
        enrolled: r.enrolled,
        source: file,
        created_at: who.now
      }))
    );
    // The card's figures follow the latest year that has them.
    for (const id of touched) await refreshCardFigures(trx, id, who.now);
    await writeAudit(trx, who, {
      action: 'import',
      entity: 'facility_usage',
      entityId: null,
      before: null,
      after: { file, rows: resolved.length, facilities: touched.length },
      note: file
    });
  });
  return { file, imported: resolved.length, facilities: touched.length, errors: [] };
}

export type { UsageYear };

/** A facility's use year by year, oldest first, with the ratios (null where a part is missing). */
export async function facilityUsage(
  db: Kysely<Database>,
  facilityId: number,
  floorArea: number
): Promise<UsageYear[]> {
  const rows = await usageYears(db, facilityId);
  return rows.map((r) => ({
    fiscalYear: r.fiscal_year,
    users: r.users,
    costYen: r.cost_yen,
    capacity: r.capacity,
    enrolled: r.enrolled,
    costPerUser: r.users && r.cost_yen !== null ? r.cost_yen / r.users : null,
    usersPerM2: r.users !== null && floorArea > 0 ? r.users / floorArea : null,
    occupancy: r.capacity && r.enrolled !== null ? r.enrolled / r.capacity : null
  }));
}
