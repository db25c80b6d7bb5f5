/**
 * A mapping as a user gives it (JSON from a file or the import page, or saved by name): its
 * schema, checked with zod. Apart from `import-mapping.ts` so that what only applies a mapping —
 * an import's reading of its rows — does not load zod.
 */
import { z } from 'zod';
import { ASSET_FIELDS } from './asset-record';
import { FACILITY_FIELDS, FIELD_WORDS, HAZARD_FIELDS } from './import-mapping';

const nameList = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);
const dictionary = z.record(z.string(), z.string());

export const mappingSchema = z
  .object({
    target: z.enum(['assets', 'facilities', 'hazards']),
    columns: z.record(z.string(), nameList).default({}),
    values: z.record(z.string(), z.string()).default({}),
    /** For any field: the file's word → Hozen's word (condition_grade: {"健全": "A"} …). */
    dictionaries: z.record(z.string(), dictionary).default({}),
    /** Shorthands of `dictionaries.category`, `.class` and `.structure`. */
    categories: dictionary.default({}),
    classes: dictionary.default({}),
    structures: dictionary.default({})
  })
  .strict()
  .superRefine((m, ctx) => {
    const fields: readonly string[] =
      m.target === 'assets'
        ? ASSET_FIELDS
        : m.target === 'facilities'
          ? FACILITY_FIELDS
          : HAZARD_FIELDS;
    // A dictionary entry left empty (a template not filled in) would silently blank the field.
    const dictionaries = {
      ...m.dictionaries,
      category: { ...m.dictionaries.category, ...m.categories },
      class: { ...m.dictionaries.class, ...m.classes },
      structure: { ...m.dictionaries.structure, ...m.structures }
    };
    for (const [field, words] of Object.entries(dictionaries))
      for (const [word, hozen] of Object.entries(words ?? {}))
        if (hozen.trim() === '')
          ctx.addIssue({
            code: 'custom',
            path: ['dictionaries', field, word],
            message: `give Hozen's word for "${word}"${FIELD_WORDS[field] ? ` (one of ${FIELD_WORDS[field].join(', ')})` : ''}`
          });
    for (const key of [
      ...Object.keys(m.columns),
      ...Object.keys(m.values),
      ...Object.keys(m.dictionaries)
    ]) {
      if (!fields.includes(key))
        ctx.addIssue({
          code: 'custom',
          message: `"${key}" is not a field of ${m.target} (fields: ${fields.join(', ')})`
        });
    }
  });
export type ImportMapping = z.infer<typeof mappingSchema>;

/** A mapping from JSON, or every problem with it. */
export function parseMapping(
  data: unknown
): { ok: true; mapping: ImportMapping } | { ok: false; errors: string[] } {
  const parsed = mappingSchema.safeParse(data);
  if (parsed.success) return { ok: true, mapping: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map(
      (i) => `${i.path.length ? i.path.join('.') + ': ' : ''}${i.message}`
    )
  };
}
