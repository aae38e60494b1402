/**
 * lead-assign (lead-qualification): routes a complete lead by industry and region to a territory
 * (sec.territory regions[]/industries[], read through /api/org) and gives it a rep of that territory.
 *
 * - Territory: one that covers the lead — each of its non-empty lists (regions, industries) holds
 *   the lead's value, as the territory sharing rules read it — the most specific first (both lists,
 *   then one; deeper in the tree; then by key).
 * - Rep: the territory's members who are not its managers. The lead's owner keeps it when they are
 *   one of them (a rep's own lead, a nurtured lead coming back); else `assignStrategy`:
 *   `round-robin` (the rep after the one who got the territory's latest lead) or `least-loaded`
 *   (fewest leads assigned or worked now). A rep the lead was just taken from (`releasedFrom`) is
 *   passed over while the territory has another.
 * - No territory or no rep: the lead stays (or goes back) in the pool — no owner, status `pool`.
 * Writes owner, territory, assignedAt and status (`assigned` / `pool`).
 * Out: ownerId, ownerTo, territoryKey, qualifyGroup (`territory-manager:<key>`, or the intake group
 * when the territory has no manager on its chain or there is no territory), releasedFrom = null.
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, patchRecord, type ApiRecord } from './lib/api.js';
import { Org } from './lib/org.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

interface Territory {
  id: string;
  key: string;
  regions?: string[] | null;
  industries?: string[] | null;
}

/** The territory covering `lead`, most specific first; null when none does. */
export function routeTerritory(org: Org, lead: ApiRecord): Territory | null {
  const covers = (t: Territory) => {
    const regions = t.regions ?? [];
    const industries = t.industries ?? [];
    if (regions.length === 0 && industries.length === 0) return false;
    return (regions.length === 0 || regions.includes(String(lead.region))) && (industries.length === 0 || industries.includes(String(lead.industry)));
  };
  const ranked = org.territories
    .filter(covers)
    .map((t) => ({ t, dims: Number((t.regions ?? []).length > 0) + Number((t.industries ?? []).length > 0), depth: org.chain(org.territories, t.key).length }))
    .sort((a, b) => b.dims - a.dims || b.depth - a.depth || a.t.key.localeCompare(b.t.key));
  return ranked[0]?.t ?? null;
}

async function repsOf(ctx: WorkerContext, org: Org, key: string): Promise<string[]> {
  const people = new Set(org.users.map((u) => u.id));
  const unit = await apiJson<{ members: { id: string; manager?: boolean }[] }>(ctx, 'GET', `/org/territories/${encodeURIComponent(key)}`);
  return unit.members.filter((m) => !m.manager && people.has(m.id)).map((m) => m.id);
}

/** The rep after the one who got the territory's latest lead (other than this one). */
async function roundRobin(ctx: WorkerContext, key: string, leadId: string, reps: string[]): Promise<string> {
  const recent = await apiJson<{ items: ApiRecord[] }>(ctx, 'POST', '/records/lead/query', {
    filter: { and: [{ field: 'territory', op: 'eq', value: key }, { field: 'ownerId', op: 'isNull', value: false }, { field: 'id', op: 'ne', value: leadId }] },
    sort: [{ field: 'assignedAt', direction: 'desc' }],
    limit: 50,
    fields: ['ownerId', 'assignedAt'],
  });
  const last = recent.items.find((l) => l.assignedAt && reps.includes(String(l.ownerId)));
  return last ? reps[(reps.indexOf(String(last.ownerId)) + 1) % reps.length] : reps[0];
}

/** The rep with the fewest leads assigned or being worked now (ties: the first). */
async function leastLoaded(ctx: WorkerContext, reps: string[]): Promise<string> {
  const filter = encodeURIComponent(`status in ('assigned', 'working')`);
  const load = await apiJson<{ groups: { key: { ownerId: string | null }; values: { count: number } }[] }>(ctx, 'GET', `/records/lead/aggregate?groupBy=ownerId&metrics=count&filter=${filter}`);
  const count = new Map(load.groups.map((g) => [g.key.ownerId, Number(g.values.count)]));
  return reps.reduce((best, r) => ((count.get(r) ?? 0) < (count.get(best) ?? 0) ? r : best), reps[0]);
}

export default {
  topic: 'lead-assign',
  variables: ['intakeGroup', 'assignStrategy', 'releasedFrom'],
  async handler(task, taskService, ctx) {
    const leadId = recordIdOf(task);
    const intakeGroup = String(task.variables.get('intakeGroup'));
    const strategy = task.variables.get('assignStrategy') ?? 'round-robin';
    if (strategy !== 'round-robin' && strategy !== 'least-loaded') throw new Error(`lead-assign: assignStrategy must be round-robin or least-loaded, not ${String(strategy)}`);
    const releasedFrom = task.variables.get('releasedFrom');
    const lead = await getRecord(ctx, 'lead', leadId);
    const org = await Org.load(ctx);
    const territory = routeTerritory(org, lead);
    const current = typeof lead.ownerId === 'string' && lead.ownerId !== releasedFrom && org.users.some((u) => u.id === lead.ownerId) ? lead.ownerId : null;

    let owner: string | null = null;
    if (territory) {
      const reps = await repsOf(ctx, org, territory.key);
      const others = reps.filter((r) => r !== releasedFrom);
      const pool = others.length > 0 ? others : reps;
      if (current && reps.includes(current)) owner = current;
      else if (pool.length > 0) owner = strategy === 'least-loaded' ? await leastLoaded(ctx, pool) : await roundRobin(ctx, territory.key, leadId, pool);
    } else owner = current;

    if (owner !== (lead.ownerId ?? null)) await apiJson(ctx, 'PUT', `/records/lead/${leadId}/owner`, { ownerId: owner });
    await patchRecord(ctx, 'lead', leadId, {
      territory: territory?.key ?? null,
      assignedAt: owner ? new Date().toISOString() : null,
      status: owner ? 'assigned' : 'pool',
    });
    const managed = territory && (await org.membersOf(`territory-manager:${territory.key}`)).length > 0;
    const vars = new Variables()
      .set('ownerId', owner)
      .set('ownerTo', owner ? `user:${owner}` : intakeGroup)
      .set('territoryKey', territory?.key ?? null)
      .set('qualifyGroup', managed ? `territory-manager:${territory.key}` : intakeGroup)
      .set('releasedFrom', null);
    await taskService.complete(task, vars);
  },
} satisfies WorkerModule;
