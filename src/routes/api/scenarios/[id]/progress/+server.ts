import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { runProgress } from '$lib/server/services/scenario-runs.service';
import type { RunProgress } from '$lib/scenario';

/** GET /api/scenarios/ID/progress. */
export type ProgressResponse = ({ running: true } & RunProgress) | { running: false };

/** The progress of a scenario's run being computed now: `{ running: false }` when none is. */
export const GET: RequestHandler = async ({ params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) error(404, `no scenario "${params.id}"`);
  const progress = runProgress(id);
  const body: ProgressResponse = progress ? { running: true, ...progress } : { running: false };
  return json(body);
};
