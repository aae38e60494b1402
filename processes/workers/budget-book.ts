/**
 * budget-book (expense-approval): books the approved claim's amount on its budget — once. The
 * budget keeps its bookings (claim id → amount) next to usedAmount and both change in one
 * optimistic write (If-Match the version read), so a redelivered task, a retry after a crash
 * between the two writes, or two workers at once find the claim already booked and add nothing.
 * The claim gets bookedAt (the first booking's time). A claim without a budget books nothing.
 * Out: bookedAmount.
 */
import { Variables } from 'camunda-external-task-client-js';
import { ApiError, getRecord, patchRecord } from './lib/api.js';
import { sumMoney } from './lib/money.js';
import type { WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

const ATTEMPTS = 5;

/** Add `amount` for `claimId` to the budget unless it is booked there already. */
async function bookOnce(ctx: WorkerContext, budgetId: string, claimId: string, amount: number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const budget = await getRecord(ctx, 'budget', budgetId);
    const bookings = (budget.bookings ?? {}) as Record<string, number>;
    if (Object.hasOwn(bookings, claimId)) return;
    try {
      await patchRecord(ctx, 'budget', budgetId, { usedAmount: sumMoney([budget.usedAmount, amount]), bookings: { ...bookings, [claimId]: amount } }, budget.version);
      return;
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 409 && attempt < ATTEMPTS)) throw e;
    }
  }
}

export default {
  topic: 'budget-book',
  variables: [],
  async handler(task, taskService, ctx) {
    const claimId = recordIdOf(task);
    const claim = await getRecord(ctx, 'expenseClaim', claimId);
    const amount = Number(claim.amount ?? 0);
    if (typeof claim.budget === 'string') await bookOnce(ctx, claim.budget, claimId, amount);
    if (!claim.bookedAt) await patchRecord(ctx, 'expenseClaim', claimId, { bookedAt: new Date().toISOString() });
    await taskService.complete(task, new Variables().set('bookedAmount', typeof claim.budget === 'string' ? amount : 0));
  },
} satisfies WorkerModule;
