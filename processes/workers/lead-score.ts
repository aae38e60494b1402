/**
 * lead-score (lead-qualification): the completeness rules of the lead's source. A rule is a trigger
 * constant `required_<source>` (else `required_default`): comma-separated groups of fields, a group
 * met when any of its `|`-separated fields has a value — e.g. `contactName,phone|email,industry`.
 * Score = the share of groups met (0–100). Complete → status `qualified`, else `incomplete`.
 * Out: complete, score, missingFields (the unmet groups, readable), and the lead's fields a person
 * completes (contactName, title, phone, email, industry, region, source, notes — those with values),
 * which the "Complete lead" form starts from.
 */
import { Variables } from 'camunda-external-task-client-js';
import { getRecord, patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export const COMPLETABLE = ['contactName', 'title', 'phone', 'email', 'industry', 'region', 'source', 'notes'] as const;

/** `a,b|c` → [[a], [b, c]]. */
export function parseRule(rule: string): string[][] {
  return rule
    .split(',')
    .map((g) => g.split('|').map((f) => f.trim()).filter(Boolean))
    .filter((g) => g.length > 0);
}

const hasValue = (v: unknown) => v !== undefined && v !== null && String(v).trim() !== '';

export default {
  topic: 'lead-score',
  async handler(task, taskService, ctx) {
    const leadId = recordIdOf(task);
    const lead = await getRecord(ctx, 'lead', leadId);
    const source = typeof lead.source === 'string' ? lead.source : 'default';
    const rule = task.variables.get(`required_${source}`) ?? task.variables.get('required_default');
    if (typeof rule !== 'string') throw new Error(`lead-score: no completeness rule for source ${source}: set the trigger constant required_default`);
    const groups = parseRule(rule);
    const missing = groups.filter((g) => !g.some((f) => hasValue(lead[f])));
    const score = groups.length === 0 ? 100 : Math.round((100 * (groups.length - missing.length)) / groups.length);
    const complete = missing.length === 0;
    await patchRecord(ctx, 'lead', leadId, { score, status: complete ? 'qualified' : 'incomplete' });
    const vars = new Variables().set('complete', complete).set('score', score).set('missingFields', missing.map((g) => g.join(' / ')).join(', '));
    for (const f of COMPLETABLE) if (hasValue(lead[f])) vars.set(f, lead[f]);
    await taskService.complete(task, vars);
  },
} satisfies WorkerModule;
