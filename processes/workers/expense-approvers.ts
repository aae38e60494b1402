/**
 * expense-approvers (expense-approval): who approves the claim, level by level. The number of
 * levels comes from its amount and the trigger's constants (≤ oneLevelMaxAmount: 1, ≤
 * twoLevelsMaxAmount: 2, above: maxApprovalLevels); the approvers are the claimant's manager, that
 * manager's manager, and so on (sec.user managerId through /api/org/users) — inactive managers are
 * passed over, and a chain shorter than the levels gives fewer (none: finance reviews alone).
 * Each approver and the finance group may then read the claim and its lines (shares).
 * Out: approvers (the user ids, in order: a java.util.ArrayList as JSON — the multi-instance
 * collection), approverCount.
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, listAll, patchRecord } from './lib/api.js';
import { canShareWith, shareWith } from './lib/records.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

interface OrgUser {
  id: string;
  active: boolean;
  manager: { id: string } | null;
}

function numberSetting(task: { variables: { get(name: string): unknown } }, name: string): number {
  const v = Number(task.variables.get(name));
  if (!Number.isFinite(v) || v < 0) throw new Error(`expense-approvers: the trigger constant ${name} must be a non-negative number, not ${String(task.variables.get(name))}`);
  return v;
}

/** Levels needed for `amount`. */
function approvalLevels(amount: number, oneLevelMax: number, twoLevelsMax: number, maxLevels: number): number {
  return amount <= oneLevelMax ? 1 : amount <= twoLevelsMax ? 2 : maxLevels;
}

const orgUser = (ctx: WorkerContext, id: string) => apiJson<OrgUser>(ctx, 'GET', `/org/users/${encodeURIComponent(id)}`);

/** Up to `levels` active managers above `userId`, nearest first. */
async function managementChain(ctx: WorkerContext, userId: string, levels: number): Promise<string[]> {
  const chain: string[] = [];
  const seen = new Set([userId]);
  let next = (await orgUser(ctx, userId)).manager?.id;
  while (next && !seen.has(next) && chain.length < levels) {
    seen.add(next);
    const manager = await orgUser(ctx, next);
    if (manager.active) chain.push(manager.id);
    next = manager.manager?.id;
  }
  return chain;
}

export default {
  topic: 'expense-approvers',
  variables: ['oneLevelMaxAmount', 'twoLevelsMaxAmount', 'maxApprovalLevels', 'financeGroup'],
  async handler(task, taskService, ctx) {
    const claimId = recordIdOf(task);
    const claim = await getRecord(ctx, 'expenseClaim', claimId);
    const claimant = claim.ownerId;
    if (typeof claimant !== 'string') throw new Error(`expense-approvers: claim ${claimId} has no owner (claimant)`);
    const wanted = approvalLevels(
      Number(claim.amount ?? 0),
      numberSetting(task, 'oneLevelMaxAmount'),
      numberSetting(task, 'twoLevelsMaxAmount'),
      numberSetting(task, 'maxApprovalLevels'),
    );
    const approvers = await managementChain(ctx, claimant, wanted);

    // Approvers and finance must see what they decide on: the claim and its lines.
    const financeGroup = String(task.variables.get('financeGroup') ?? '');
    const readers = canShareWith(financeGroup) ? [...approvers, financeGroup] : approvers;
    if (readers === approvers) ctx.log.warn(`expense-approvers: the finance group ${financeGroup} cannot be given a share; finance must reach claims otherwise`);
    const lines = await listAll(ctx, 'expenseLine', { field: 'claim', op: 'eq', value: claimId });
    for (const who of readers) {
      await shareWith(ctx, 'expenseClaim', claimId, who);
      for (const line of lines) await shareWith(ctx, 'expenseLine', line.id, who);
    }
    await patchRecord(ctx, 'expenseClaim', claimId, { approvalLevels: approvers.length });
    // A java.util.ArrayList serialised as JSON: the multi-instance collection as Camunda 7 reads it.
    const list = { type: 'Object', value: JSON.stringify(approvers), valueInfo: { objectTypeName: 'java.util.ArrayList', serializationDataFormat: 'application/json' } };
    await taskService.complete(task, new Variables().setTyped('approvers', list).set('approverCount', approvers.length));
  },
} satisfies WorkerModule;
