/** The schema of scenario overrides read from files or the database. */
import { z } from 'zod';
import type { Override } from './overrides';

const codes = z.array(z.string().min(1)).optional();
const fiscalYear = z.number().int().min(1900).max(2200);

export const overrideSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('life_extension'),
    categories: codes,
    facilityCodes: codes,
    assetCodes: codes
  }),
  z
    .object({
      kind: z.literal('close'),
      assetCodes: codes,
      facilityCodes: codes,
      year: fiscalYear,
      demolitionCostPerM2: z.number().min(0).optional()
    })
    .refine(
      (o) => (o.assetCodes?.length ?? 0) + (o.facilityCodes?.length ?? 0) > 0,
      'close needs assetCodes or facilityCodes'
    ),
  z.object({
    kind: z.literal('new_building'),
    code: z.string().min(1),
    category: z.string().min(1),
    area: z.number().positive(),
    year: fiscalYear,
    structure: z.string().nullable().optional(),
    facilityCode: z.string().nullable().optional()
  }),
  z.object({
    kind: z.literal('floor_reduction'),
    percent: z.number().min(0).max(100),
    categories: codes
  })
]);

export function parseOverrides(
  data: unknown
): { ok: true; overrides: Override[] } | { ok: false; errors: string[] } {
  const result = z.array(overrideSchema).safeParse(data);
  if (result.success) return { ok: true, overrides: result.data as Override[] };
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${i.path.join('.') || '(overrides)'}: ${i.message}`)
  };
}
