/**
 * contract-review, signed: the sales order for the contract and its payment plan, each created
 * exactly once — a retried or repeated task finds the order (unique per contract) and the
 * installments (unique per order and sequence) it made before and creates only what is missing.
 * The order takes the amount of the version the reviewers approved; the records go to the drafter.
 * Variables out: orderId, orderName, installmentCount.
 */
import { paymentPlan } from './contract/payment-plan.js';
import { apiJson, getRecord, listAll, type ApiRecord } from './lib/api.js';
import { ensureRecord, giveTo } from './lib/records.js';
import { variables, versionOf } from './contract/review.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

export default {
  topic: 'contract-create-order',
  variables: ['contractVersion', 'drafterId', 'firstPaymentAfter', 'paymentInterval'],
  async handler(task, taskService, ctx) {
    const v = (name: string) => task.variables.get(name);
    const contract = await getRecord(ctx, 'contract', recordIdOf(task));
    const version = await versionOf(ctx, contract.id, Number(v('contractVersion')));
    const amount = Number(version.amount ?? contract.amount ?? 0);
    const order = await ensureRecord(
      ctx,
      'salesOrder',
      { contract: contract.id },
      { name: String(contract.name), account: contract.account, amount, orderDate: new Date().toISOString().slice(0, 10), state: 'open' },
    );
    const owner = String(v('drafterId'));
    await giveTo(ctx, 'salesOrder', order, owner);

    const plan = paymentPlan({
      amount: Number(order.amount),
      installments: Number(contract.installments ?? 1),
      orderDate: String(order.orderDate),
      firstPaymentAfter: String(v('firstPaymentAfter')),
      paymentInterval: String(v('paymentInterval')),
    });
    const existing = await listAll(ctx, 'paymentPlan', { field: 'salesOrder', op: 'eq', value: order.id });
    const have = new Set(existing.map((p) => Number(p.sequence)));
    const made: ApiRecord[] = [];
    for (const i of plan.filter((p) => !have.has(p.sequence)))
      made.push(await apiJson<ApiRecord>(ctx, 'POST', '/records/paymentPlan', { ...i, salesOrder: order.id, name: `${String(order.name)} ${i.sequence}/${plan.length}`.slice(0, 240), paid: false }));
    for (const p of [...existing, ...made]) await giveTo(ctx, 'paymentPlan', p, owner);
    await taskService.complete(task, variables({ orderId: order.id, orderName: order.name, installmentCount: plan.length }));
  },
} satisfies WorkerModule;
