import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { getDb } from '$lib/server/db';
import { whoOf } from '$lib/server/who';
import { mayPost } from '$lib/authz';
import { asOfYear } from '$lib/server/repositories/settings.repository';
import {
  addPlanItems,
  adoptPlanVersion,
  createPlanVersion,
  PlanError,
  removePlanItem,
  updatePlanItem,
  workingPlanId
} from '$lib/server/services/plan.service';
import { planPage } from '$lib/server/services/plan-reads.service';
import { planTimeline } from '$lib/plan/timeline';
import { PLAN_ACTIONS, PLAN_STATUSES } from '$lib/plan/plan';
import { parseDecimal } from '$lib/strict-input';

/** The most rows the page lists (the filter narrows them; the count says how many match). */
const MAX_LISTED = 1_000;

export const load: PageServerLoad = async ({ url, locals }) => {
  const db = await getDb();
  const v = Number(url.searchParams.get('v'));
  const page = await planPage(db, Number.isInteger(v) && v > 0 ? v : null);
  const q = url.searchParams;
  const filter = {
    action: (PLAN_ACTIONS as readonly string[]).includes(q.get('action') ?? '')
      ? q.get('action')!
      : '',
    status: (PLAN_STATUSES as readonly string[]).includes(q.get('status') ?? '')
      ? q.get('status')!
      : '',
    year: /^\d{4}$/.test(q.get('year') ?? '') ? Number(q.get('year')) : null,
    text: (q.get('q') ?? '').trim().slice(0, 100)
  };
  const matching = page.items.filter(
    (i) =>
      (!filter.action || i.action === filter.action) &&
      (!filter.status || i.status === filter.status) &&
      (filter.year === null || i.fiscalYear === filter.year) &&
      (!filter.text ||
        i.name.includes(filter.text) ||
        (i.facilityCode ?? i.assetCode ?? '').includes(filter.text))
  );
  const role = locals.user?.role;
  return {
    versions: page.versions,
    current: page.current,
    items: matching.slice(0, MAX_LISTED),
    matching: matching.length,
    total: page.items.length,
    plannedYen: matching.reduce((s, i) => s + (i.plannedYen ?? 0), 0),
    conflicts: page.conflicts.slice(0, 200),
    conflictCount: page.conflicts.length,
    timeline: planTimeline(matching, { maxRows: 200, maxYears: 40 }),
    asOf: await asOfYear(db),
    filter,
    /** A facility or asset to plan, from the map's popup: the form opens filled in. */
    prefill: /^[\w\-.]{1,100}$/.test(q.get('add') ?? '')
      ? { code: q.get('add')!, level: q.get('level') === 'asset' ? 'asset' : 'facility' }
      : null,
    may: Object.fromEntries(
      ['create', 'add', 'move', 'status', 'remove', 'adopt'].map((a) => [
        a,
        mayPost('/plan', a, role)
      ])
    ) as Record<'create' | 'add' | 'move' | 'status' | 'remove' | 'adopt', boolean>
  };
};

const int = (v: FormDataEntryValue | null) => {
  const n = parseDecimal(String(v ?? '').trim());
  return n !== null && Number.isInteger(n) ? n : NaN;
};

/** Runs a plan change; a refusal is shown on the page in the reader's language. */
async function attempt<T>(lang: 'ja' | 'en', run: () => Promise<T>) {
  try {
    return { ok: true as const, value: await run() };
  } catch (e) {
    if (e instanceof PlanError)
      return { ok: false as const, failure: fail(e.status, { message: e.said[lang] }) };
    throw e;
  }
}

export const actions: Actions = {
  create: async ({ request, locals }) => {
    const form = await request.formData();
    const basedOn = int(form.get('basedOn'));
    const result = await attempt(locals.lang, async () =>
      createPlanVersion(await getDb(), whoOf(locals), {
        name: String(form.get('name') ?? ''),
        fiscalYear: int(form.get('fiscalYear')),
        basedOn: Number.isNaN(basedOn) ? null : basedOn,
        note: null
      })
    );
    if (!result.ok) return result.failure;
    redirect(303, `/plan?v=${result.value}`);
  },
  adopt: async ({ request, locals }) => {
    const form = await request.formData();
    const id = int(form.get('plan'));
    const result = await attempt(locals.lang, async () =>
      adoptPlanVersion(await getDb(), whoOf(locals), id)
    );
    if (!result.ok) return result.failure;
    return { adopted: id };
  },
  add: async ({ request, locals }) => {
    const form = await request.formData();
    const db = await getDb();
    const who = whoOf(locals);
    const codes = [
      ...form.getAll('code').map(String),
      ...String(form.get('codes') ?? '').split(/[\s,、]+/)
    ].filter(Boolean);
    const cost = String(form.get('cost') ?? '').trim();
    const result = await attempt(locals.lang, async () => {
      const named = int(form.get('plan'));
      const plan = Number.isNaN(named) ? await workingPlanId(db, who, await asOfYear(db)) : named;
      const added = await addPlanItems(db, who, plan, {
        codes,
        level: form.get('level') === 'asset' ? 'asset' : 'facility',
        action: String(form.get('action') ?? ''),
        fiscalYear: int(form.get('fiscalYear')),
        costYen: cost === '' ? null : (parseDecimal(cost) ?? NaN),
        intoFacility: String(form.get('into') ?? '').trim() || null,
        reason: String(form.get('reason') ?? '').trim() || null
      });
      return { plan, added };
    });
    if (!result.ok) return result.failure;
    return { added: result.value.added, plan: result.value.plan };
  },
  move: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await attempt(locals.lang, async () =>
      updatePlanItem(await getDb(), whoOf(locals), int(form.get('id')), int(form.get('version')), {
        fiscalYear: int(form.get('fiscalYear'))
      })
    );
    return result.ok ? { moved: true } : result.failure;
  },
  status: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await attempt(locals.lang, async () =>
      updatePlanItem(await getDb(), whoOf(locals), int(form.get('id')), int(form.get('version')), {
        status: String(form.get('status') ?? '')
      })
    );
    return result.ok ? { changed: true } : result.failure;
  },
  remove: async ({ request, locals }) => {
    const form = await request.formData();
    const result = await attempt(locals.lang, async () =>
      removePlanItem(await getDb(), whoOf(locals), int(form.get('id')))
    );
    return result.ok ? { removed: true } : result.failure;
  }
};
