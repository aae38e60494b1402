/**
 * contract-review, the drafter revised: version N+1 with the new terms (and the contract's amount
 * as it is now) and the change note, then the contract back in review at that version. Idempotent:
 * a retry finds the version row (unique per contract and number) and the contract already moved.
 * Variable out: contractVersion = N+1.
 */
import { ensureVersion, variables } from './contract/review.js';
import { getRecord, patchRecord } from './lib/api.js';
import { shareWith } from './lib/records.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'contract-new-version',
  variables: ['contractVersion', 'terms', 'changeNote', 'managerReviewerId'],
  async handler(task, taskService, ctx) {
    const id = recordIdOf(task);
    const next = Number(task.variables.get('contractVersion')) + 1;
    const terms = task.variables.get('terms') as string;
    const contract = await getRecord(ctx, 'contract', id);
    const version = await ensureVersion(ctx, { ...contract, terms }, next, (task.variables.get('changeNote') as string | null) ?? null);
    const reviewer = task.variables.get('managerReviewerId') as string | null;
    if (reviewer) await shareWith(ctx, 'contractVersion', version.id, reviewer);
    if (Number(contract.currentVersion) < next) await patchRecord(ctx, 'contract', id, { terms, currentVersion: next, state: 'in-review' });
    await taskService.complete(task, variables({ contractVersion: next }));
  },
} satisfies WorkerModule;
