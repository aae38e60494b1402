/**
 * quote-escalate: a quote-routing step is overdue (its interrupting timer fired). Its owner is the
 * person who held it — assigned by a return (`<step>Assignee`) or claimed (the cut-off task's
 * assignee) — else every candidate: the people of `escalationOwners` (candidate group ids or user
 * ids) and whoever it was escalated to before. Their managers (docs/processes/quote-routing.md,
 * "Escalation") — or, when nobody manages them, the members of `escalationFallbackGroup` — become
 * candidate users of the step when it opens again (`<step>EscalatedTo`), and the step opens
 * unassigned (`<step>Assignee` null) so they see it beside its group. Each gets a read share of the
 * quote (or the task would not be in their inbox); `escalationNotifyTo` names who the notify step
 * tells: the new candidates, or the owners themselves when there is nobody above them.
 */
import { Variables } from 'camunda-external-task-client-js';
import { commaList } from './lib/api.js';
import { lastAssignee } from './lib/history.js';
import { Org } from './lib/org.js';
import { shareWith } from './lib/records.js';
import type { WorkerModule } from './types.js';

export default {
  topic: 'quote-escalate',
  async handler(task, taskService, ctx) {
    const quoteId = task.businessKey!;
    const step = String(task.variables.get('escalationStep'));
    const before = commaList(task.variables.get(`${step}EscalatedTo`));
    const holder = (task.variables.get(`${step}Assignee`) as string | null) ?? (await lastAssignee(ctx, 'quote', quoteId, task.processInstanceId, step, true));
    const org = await Org.load(ctx);
    const owners = new Set(before);
    if (holder) owners.add(holder);
    else for (const id of commaList(task.variables.get('escalationOwners'))) for (const m of await org.membersOf(id)) owners.add(m);
    let managers = [...new Set([...owners].map((o) => org.managerOf(o)).filter((m): m is string => m !== null && !owners.has(m)))];
    const fallback = String(task.variables.get('escalationFallbackGroup') ?? '');
    if (managers.length === 0 && fallback) managers = (await org.membersOf(fallback)).filter((m) => !owners.has(m));
    for (const m of managers) await shareWith(ctx, 'quote', quoteId, m);
    const told = managers.length > 0 ? managers : [...owners];
    await taskService.complete(
      task,
      new Variables()
        .set(`${step}EscalatedTo`, [...new Set([...before, ...managers])].join(','))
        .set(`${step}Assignee`, null)
        .set('escalationNotifyTo', told.length > 0 ? told.map((u) => `user:${u}`).join(',') : fallback),
    );
  },
} satisfies WorkerModule;
