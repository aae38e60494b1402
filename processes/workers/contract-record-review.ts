/**
 * contract-review, after all three reviewers decided: write each decision and comment onto the
 * version they reviewed, with the outcome — all approve: approved; any rejection: rejected; else
 * changes requested. Variable out: reviewOutcome (the gateway after this step routes on it).
 */
import { outcomeOf, REVIEWS, variables, versionOf, type Decision } from './contract/review.js';
import { patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'contract-record-review',
  variables: ['contractVersion', ...REVIEWS.flatMap((r) => [`${r}Decision`, `${r}Comment`])],
  async handler(task, taskService, ctx) {
    const get = (name: string) => task.variables.get(name) ?? null;
    const decisions = REVIEWS.map((r) => get(`${r}Decision`) as Decision);
    const reviewOutcome = outcomeOf(decisions);
    const version = await versionOf(ctx, recordIdOf(task), Number(get('contractVersion')));
    const patch: Record<string, unknown> = { reviewOutcome };
    for (const r of REVIEWS) Object.assign(patch, { [`${r}Decision`]: get(`${r}Decision`), [`${r}Comment`]: get(`${r}Comment`) });
    await patchRecord(ctx, 'contractVersion', version.id, patch);
    await taskService.complete(task, variables({ reviewOutcome }));
  },
} satisfies WorkerModule;
