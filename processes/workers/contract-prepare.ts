/**
 * contract-review, first step: claim the submitted contract for this process instance and open
 * review round 1 (or go on with the round this instance already opened — a retried task).
 *
 * - The contract must be a draft with "submit for review" ticked, else another instance has it
 *   (the trigger fired twice) or it was withdrawn: BPMN error `contract-not-submitted`.
 * - It must come from a signed opportunity or an issued quote, else BPMN error
 *   `contract-ineligible` (the tick is cleared; the contract stays a draft).
 * - The claim is one conditional update (If-Match: the version read): state → in-review, the
 *   current version, and this instance's id; a concurrent claim loses with 409 and its retry ends
 *   in `contract-not-submitted`.
 * Then, idempotently: version row N (terms and amount as submitted), the department manager found
 * and given read access to the contract and the version.
 * Variables out: contractVersion, terms, managerReviewerId (null: the fallback group reviews).
 */
import { ensureVersion, reviewerOfDepartment, variables } from './contract/review.js';
import { getRecord, patchRecord, type ApiRecord } from './lib/api.js';
import { Org } from './lib/org.js';
import { shareWith } from './lib/records.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

/** Where a contract may come from: a signed opportunity, or a quote issued after every approval. */
async function eligible(ctx: WorkerContext, contract: ApiRecord): Promise<boolean> {
  if (typeof contract.opportunity === 'string' && (await getRecord(ctx, 'opportunity', contract.opportunity)).stage === 'signed') return true;
  return typeof contract.quote === 'string' && (await getRecord(ctx, 'quote', contract.quote)).state === 'issued';
}

export default {
  topic: 'contract-prepare',
  variables: ['drafterId'],
  async handler(task, taskService, ctx) {
    const id = recordIdOf(task);
    let contract = await getRecord(ctx, 'contract', id);
    const mine = contract.state === 'in-review' && contract.reviewInstanceId === task.processInstanceId;
    if (!mine) {
      if (contract.state !== 'draft' || contract.submitForReview !== true) {
        await taskService.handleBpmnError(task, 'contract-not-submitted', `contract ${id} is ${String(contract.state)} and not submitted for review`);
        return;
      }
      if (!(await eligible(ctx, contract))) {
        await patchRecord(ctx, 'contract', id, { submitForReview: false }, contract.version);
        await taskService.handleBpmnError(task, 'contract-ineligible', `contract ${id} has neither a signed opportunity nor an issued quote`);
        return;
      }
      const next = Number(contract.currentVersion ?? 0) + 1;
      contract = await patchRecord(ctx, 'contract', id, { state: 'in-review', submitForReview: false, currentVersion: next, reviewInstanceId: task.processInstanceId }, contract.version);
    }
    const versionNumber = Number(contract.currentVersion);
    const version = await ensureVersion(ctx, contract, versionNumber, null);
    const managerReviewerId = reviewerOfDepartment(await Org.load(ctx), String(task.variables.get('drafterId')));
    if (managerReviewerId) {
      await shareWith(ctx, 'contract', id, managerReviewerId);
      await shareWith(ctx, 'contractVersion', version.id, managerReviewerId);
    }
    await taskService.complete(task, variables({ contractVersion: versionNumber, terms: contract.terms ?? null, managerReviewerId }));
  },
} satisfies WorkerModule;
