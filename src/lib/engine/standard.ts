/**
 * A standard: the named set of lifecycle policies a projection applies — for each asset class,
 * when works fall due, what they cost per unit, over how many years their cost is spread, and what
 * happens to assets already overdue at the start (backlog). Standards are plain data checked by
 * this schema, so a user can copy one and edit any number (and the engine never trusts unchecked
 * data). Every number carries its source in the built-in standards.
 */
import { z } from 'zod';

const years = z.number().int().min(1).max(200);
const yen = z.number().min(0).max(1e9);

/** A price band by pipe diameter: applies up to `maxDiameterMm` inclusive (null = no upper limit). */
export const diameterBandSchema = z.object({
  maxDiameterMm: z.number().int().positive().nullable(),
  unitCost: yen
});

export const buildingWorkSchema = z.object({
  type: z.enum(['renovation', 'life_extension', 'midlife_repair']),
  /** Age (years after the year built, or after the last rebuild) at which the work falls due. */
  atAge: years,
  spreadYears: years,
  /** Cost per ㎡: the category's renovation rate, or a ratio of its rebuild rate. */
  cost: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('renovation_rate') }),
    z.object({ kind: z.literal('rebuild_ratio'), ratio: z.number().min(0).max(5) })
  ]),
  /** Overdue at the start year with an age in [fromAge, toAge]: caught up as backlog from S. */
  backlog: z
    .object({
      fromAge: z.number().int().min(0),
      toAge: z.number().int().min(0),
      spreadYears: years
    })
    .nullable(),
  source: z.string()
});

export const buildingLifecycleSchema = z.object({
  rebuildAge: years,
  rebuildSpreadYears: years,
  /** Older than `rebuildAge` at the start year: rebuilt as backlog over this many years from S. */
  backlogRebuildSpreadYears: years,
  works: z.array(buildingWorkSchema),
  source: z.string()
});

export const standardSchema = z.object({
  key: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'lower-case letters, digits, _ and - only'),
  nameJa: z.string().min(1),
  nameEn: z.string().min(1),
  description: z.string(),
  buildings: z.object({
    /** Rebuild and renovation cost per ㎡ of floor area, by 総務省 use category. */
    unitCosts: z.record(z.string(), z.object({ rebuild: yen, renovation: yen })),
    unitCostSource: z.string(),
    conventional: buildingLifecycleSchema,
    extended: buildingLifecycleSchema,
    /** Which lifecycle applies unless a scenario says otherwise. */
    defaultLifecycle: z.enum(['conventional', 'extended']),
    /** Structures whose life cannot be extended (they keep the conventional lifecycle). */
    nonExtendableStructures: z.array(z.string())
  }),
  roads: z.object({
    cycleYears: years,
    unitCosts: z.object({ general: yen, cycle_pedestrian: yen }),
    source: z.string()
  }),
  bridges: z.object({
    cycleYears: years,
    spreadYears: years,
    backlogSpreadYears: years,
    unitCosts: z.object({ pc: yen, rc: yen, steel: yen, stone: yen, wood: yen, unknown: yen }),
    source: z.string()
  }),
  waterPipes: z.object({
    cycleYears: years,
    spreadYears: years,
    backlogSpreadYears: years,
    conveyance: z.array(diameterBandSchema).min(1),
    distribution: z.array(diameterBandSchema).min(1),
    source: z.string()
  }),
  sewerPipes: z.object({
    cycleYears: years,
    spreadYears: years,
    backlogSpreadYears: years,
    pricing: z.enum(['material', 'diameter']),
    byMaterial: z.object({ concrete: yen, clay: yen, pvc: yen, rehabilitated: yen, other: yen }),
    byDiameter: z.array(diameterBandSchema).min(1),
    source: z.string()
  })
});

export type Standard = z.infer<typeof standardSchema>;
export type BuildingLifecycle = z.infer<typeof buildingLifecycleSchema>;
export type BuildingWork = z.infer<typeof buildingWorkSchema>;
export type DiameterBand = z.infer<typeof diameterBandSchema>;

/** The unit cost of the first band whose upper limit holds `diameterMm` (unknown → first band). */
export function bandCost(bands: readonly DiameterBand[], diameterMm: number | null): number {
  if (diameterMm === null) return bands[0]!.unitCost;
  for (const band of bands) {
    if (band.maxDiameterMm === null || diameterMm <= band.maxDiameterMm) return band.unitCost;
  }
  return bands[bands.length - 1]!.unitCost;
}

/**
 * Checks a standard read from a file or the database.
 * @returns the standard, or the list of problems (path and reason).
 */
export function parseStandard(
  data: unknown
): { ok: true; standard: Standard } | { ok: false; errors: string[] } {
  const result = standardSchema.safeParse(data);
  if (result.success) return { ok: true, standard: result.data };
  return {
    ok: false,
    errors: result.error.issues.map(
      (issue) => `${issue.path.join('.') || '(standard)'}: ${issue.message}`
    )
  };
}
