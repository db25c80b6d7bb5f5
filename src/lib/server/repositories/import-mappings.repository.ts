/** Import mappings the users saved by name (kept in settings as `import_mapping.<name>`). */
import type { Kysely } from 'kysely';
import type { ImportMapping } from '../../io/import-mapping';
import { parseMapping } from '../../io/mapping-schema';
import type { Database } from '../db/database';
import { putSetting } from './settings.repository';

const PREFIX = 'import_mapping.';

export async function listImportMappings(
  db: Kysely<Database>
): Promise<{ name: string; mapping: ImportMapping }[]> {
  const rows = await db
    .selectFrom('settings')
    .selectAll()
    .where('key', 'like', `${PREFIX}%`)
    .orderBy('key')
    .execute();
  return rows.flatMap((r) => {
    const parsed = parseMapping(JSON.parse(r.value));
    return parsed.ok ? [{ name: r.key.slice(PREFIX.length), mapping: parsed.mapping }] : [];
  });
}

export async function saveImportMapping(
  db: Kysely<Database>,
  name: string,
  mapping: ImportMapping
): Promise<void> {
  await putSetting(db, PREFIX + name.slice(0, 80), JSON.stringify(mapping));
}
