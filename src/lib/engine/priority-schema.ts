/** The priority file of a budget run: weights of the score terms and the safety tier. */
import { z } from 'zod';
import type { PriorityWeights } from './simulate-budget';

const weight = z.number().min(0).max(100);

export const prioritySchema = z
  .object({
    weights: z
      .object({ importance: weight, condition: weight, overdue: weight, hazard: weight })
      .partial()
      .strict()
      .optional(),
    /** Assets with at least this importance (1–5) are funded before all others. */
    safetyTierImportance: z.number().int().min(1).max(5).nullable().optional()
  })
  .strict();

export function parsePriority(data: unknown):
  | {
      ok: true;
      priority: { weights?: Partial<PriorityWeights>; safetyTierImportance?: number | null };
    }
  | { ok: false; errors: string[] } {
  const result = prioritySchema.safeParse(data);
  if (result.success) return { ok: true, priority: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((i) => `${i.path.join('.') || '(priority)'}: ${i.message}`)
  };
}
