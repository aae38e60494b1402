/**
 * budget-check (expense-approval): the claim's total from its lines, checked against its budget.
 * The budget is the claim's own `budget` or, when it names none, the one budget of its project.
 * Over budget (total > budget amount − booked) only sets the flag for the approvers: the process
 * goes on. The claim moves to `approving` in the same write — so this runs once per submission: a
 * claim no longer `submitted` (or `rejected`, on a resubmission) is a BPMN error
 * `claim-not-submitted` (a second start for one submission ends there).
 * Out: amount, overBudget, budgetRemaining (null without a budget), budgetId.
 */
import { Variables } from 'camunda-external-task-client-js';
import { ApiError, getRecord, listAll, patchRecord, type ApiRecord } from './lib/api.js';
import { sumMoney } from './lib/money.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

/** Attempts when the claim changes between our read and write (optimistic version check). */
const ATTEMPTS = 3;

async function budgetOf(ctx: WorkerContext, claim: ApiRecord): Promise<ApiRecord | null> {
  if (typeof claim.budget === 'string') return getRecord(ctx, 'budget', claim.budget);
  if (typeof claim.project !== 'string' || claim.project === '') return null;
  const budgets = await listAll(ctx, 'budget', { field: 'project', op: 'eq', value: claim.project });
  return budgets.length === 1 ? budgets[0] : null;
}

export default {
  topic: 'budget-check',
  variables: ['revision'],
  async handler(task, taskService, ctx) {
    const claimId = recordIdOf(task);
    const expected = task.variables.get('revision') === 'resubmit' ? 'rejected' : 'submitted';
    for (let attempt = 1; ; attempt++) {
      const claim = await getRecord(ctx, 'expenseClaim', claimId);
      if (claim.state !== expected) {
        await taskService.handleBpmnError(task, 'claim-not-submitted', `claim ${claimId} is ${String(claim.state)}, not ${expected}`);
        return;
      }
      const lines = await listAll(ctx, 'expenseLine', { field: 'claim', op: 'eq', value: claimId });
      const amount = sumMoney(lines.map((l) => l.amount));
      const budget = await budgetOf(ctx, claim);
      const remaining = budget ? sumMoney([budget.amount, -Number(budget.usedAmount ?? 0)]) : null;
      const overBudget = remaining !== null && amount > remaining;
      try {
        await patchRecord(ctx, 'expenseClaim', claimId, { state: 'approving', amount, overBudget, budgetRemaining: remaining, budget: budget?.id ?? null }, claim.version);
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && attempt < ATTEMPTS) continue;
        throw e;
      }
      await taskService.complete(
        task,
        new Variables().setAll({ amount, overBudget, budgetRemaining: remaining, budgetId: budget?.id ?? null }),
      );
      return;
    }
  },
} satisfies WorkerModule;
