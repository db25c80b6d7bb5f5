import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { runProgress } from '$lib/server/services/scenario-runs.service';

/** The progress of a scenario's run being computed now: `{ running: false }` when none is. */
export const GET: RequestHandler = async ({ params }) => {
  const id = Number(params.id);
  if (!Number.isInteger(id) || id < 1) error(404, `no scenario "${params.id}"`);
  const progress = runProgress(id);
  return json(progress ? { running: true, ...progress } : { running: false });
};
