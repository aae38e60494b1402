/**
 * quote-total: each line's amount = quantity × unit price × (1 − discount %), rounded to the cent,
 * and the quote's total = the sum of its lines, written to the records; the total and currency go
 * back to the process (`totalAmount` decides whether the general manager approves).
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, listAll, patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

const cents = (v: unknown): number => Math.round(Number(v ?? 0) * 100);

/** A line's amount in cents: price and quantity as entered, the discount taken off once, rounded. */
export function lineCents(line: Record<string, unknown>): number {
  const discount = Number(line.discount ?? 0);
  return Math.round((cents(line.unitPrice) * Number(line.quantity ?? 0) * (100 - discount)) / 100);
}

export default {
  topic: 'quote-total',
  variables: ['quoteId'],
  async handler(task, taskService, ctx) {
    const quoteId = recordIdOf(task);
    const lines = await listAll(ctx, 'quoteLine', { field: 'quote', op: 'eq', value: quoteId });
    const changed = lines.filter((l) => l.amount == null || cents(l.amount) !== lineCents(l)).map((l) => ({ id: l.id, amount: lineCents(l) / 100 }));
    if (changed.length > 0) await apiJson(ctx, 'PATCH', '/records/quoteLine/bulk', { records: changed });
    const total = lines.reduce((sum, l) => sum + lineCents(l), 0) / 100;
    const quote = await getRecord(ctx, 'quote', quoteId);
    if (quote.totalAmount == null || cents(quote.totalAmount) !== cents(total)) await patchRecord(ctx, 'quote', quoteId, { totalAmount: total });
    await taskService.complete(
      task,
      new Variables().setTyped('totalAmount', { value: total, type: 'Double', valueInfo: {} }).set('currency', quote.currency ?? 'CNY').set('lineCount', lines.length),
    );
  },
} satisfies WorkerModule;
