/**
 * quote-escalate: a quote-routing step is overdue (its interrupting timer fired) and is handed to
 * the step owner's manager (docs/processes/quote-routing.md, "Escalation"). The owner is the person
 * who held the step — assigned to it (`<step>Assignee`) or having claimed it (the cut-off task's
 * assignee) — else its candidates, the people of `escalationOwners` (candidate group ids or user ids).
 * Their manager — the one over most of them when they have several — or, when nobody manages them,
 * the first member of `escalationFallbackGroup` who is not an owner, becomes `<step>Assignee`: the
 * step opens again assigned to them, with a read share of the quote so that it is in their inbox.
 * They may hand it back by unclaiming it. With nobody above the owners the step reopens as it was
 * and the owners are reminded. `escalationNotifyTo` names who the notify step tells.
 */
import { Variables } from 'camunda-external-task-client-js';
import { commaList } from './lib/api.js';
import { lastAssignee } from './lib/history.js';
import { Org } from './lib/org.js';
import { shareWith } from './lib/records.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

/** The value met most often (first met on a tie), or null for none. */
export function mostFrequent(values: readonly string[]): string | null {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) if (best === null || n > counts.get(best)!) best = v;
  return best;
}

export default {
  topic: 'quote-escalate',
  async handler(task, taskService, ctx) {
    const quoteId = recordIdOf(task);
    const step = String(task.variables.get('escalationStep'));
    const holder = (task.variables.get(`${step}Assignee`) as string | null) ?? (await lastAssignee(ctx, 'quote', quoteId, task.processInstanceId, step, true));
    const org = await Org.load(ctx);
    const owners = new Set<string>(holder ? [holder] : []);
    if (!holder) for (const id of commaList(task.variables.get('escalationOwners'))) for (const m of await org.membersOf(id)) owners.add(m);
    const above = [...owners].map((o) => org.managerOf(o)).filter((m): m is string => m !== null && !owners.has(m));
    const fallback = String(task.variables.get('escalationFallbackGroup') ?? '');
    const manager = mostFrequent(above) ?? (fallback ? ((await org.membersOf(fallback)).find((m) => !owners.has(m)) ?? null) : null);
    if (manager) await shareWith(ctx, 'quote', quoteId, manager);
    const told = manager ? [manager] : [...owners];
    await taskService.complete(
      task,
      new Variables()
        .set(`${step}Assignee`, manager ?? holder)
        .set('escalationNotifyTo', told.length > 0 ? told.map((u) => `user:${u}`).join(',') : fallback),
    );
  },
} satisfies WorkerModule;
