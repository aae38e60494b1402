/**
 * quote-route: a requested quote gets its account (its own, else its opportunity's), the account's
 * industry and region (so the territory's managers may read it), the request time, and the group
 * that reviews it first: `territory-manager:<key>` of the most specific territory covering the
 * industry (and the region, where the territory restricts regions) that has a manager on its chain,
 * else the configured `industryManagerGroup` (e.g. `role:industry-manager`) → variable `industryGroup`.
 */
import { Variables } from 'camunda-external-task-client-js';
import { getRecord, patchRecord } from './lib/api.js';
import { Org } from './lib/org.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

/** The candidate group of the industry's territory managers, or null when no territory covers it. */
export async function territoryGroup(ctx: WorkerContext, industry: unknown, region: unknown): Promise<string | null> {
  if (typeof industry !== 'string') return null;
  const org = await Org.load(ctx);
  const covering = org.territories
    .filter((t) => (t.industries ?? []).includes(industry) && ((t.regions ?? []).length === 0 || (t.regions ?? []).includes(String(region))))
    .map((t) => ({ key: t.key, depth: org.chain(org.territories, t.key).length, regional: (t.regions ?? []).length > 0 }))
    // deepest first; at one depth a territory naming the region before one for the whole industry; then by key
    .sort((a, b) => b.depth - a.depth || Number(b.regional) - Number(a.regional) || a.key.localeCompare(b.key));
  for (const t of covering) {
    const group = `territory-manager:${t.key}`;
    if ((await org.membersOf(group)).length > 0) return group;
  }
  return null;
}

export default {
  topic: 'quote-route',
  variables: ['industryManagerGroup'],
  async handler(task, taskService, ctx) {
    const quoteId = recordIdOf(task);
    const quote = await getRecord(ctx, 'quote', quoteId);
    const opportunity = await getRecord(ctx, 'opportunity', String(quote.opportunity));
    const accountId = String(quote.account ?? opportunity.account);
    const account = await getRecord(ctx, 'account', accountId);
    await patchRecord(ctx, 'quote', quoteId, {
      account: accountId,
      industry: account.industry ?? null,
      region: account.region ?? null,
      requestedAt: new Date().toISOString(),
    });
    const group = (await territoryGroup(ctx, account.industry, account.region)) ?? String(task.variables.get('industryManagerGroup'));
    await taskService.complete(task, new Variables().set('industryGroup', group).set('accountId', accountId));
  },
} satisfies WorkerModule;
