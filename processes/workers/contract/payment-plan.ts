/**
 * A payment plan: the order's amount split into equal installments (to the cent; the last one takes
 * the remainder), the first due `firstPaymentAfter` after the order date, then one every
 * `paymentInterval` (ISO 8601 durations, from the trigger's constants).
 */
import { DateTime, Duration } from 'luxon';

export interface Installment {
  sequence: number;
  dueDate: string;
  amount: number;
}

function duration(iso: string, name: string): Duration {
  const d = Duration.fromISO(iso);
  if (!d.isValid) throw new Error(`${name} '${iso}' is not an ISO 8601 duration`);
  return d;
}

export function paymentPlan(opts: { amount: number; installments: number; orderDate: string; firstPaymentAfter: string; paymentInterval: string }): Installment[] {
  const n = Math.max(1, Math.trunc(opts.installments));
  const cents = Math.round(opts.amount * 100);
  const each = Math.floor(cents / n);
  const first = DateTime.fromISO(opts.orderDate, { zone: 'utc' }).plus(duration(opts.firstPaymentAfter, 'firstPaymentAfter'));
  const interval = duration(opts.paymentInterval, 'paymentInterval');
  return Array.from({ length: n }, (_, i) => ({
    sequence: i + 1,
    dueDate: first.plus(interval.mapUnits((x) => x * i)).toISODate()!,
    amount: (i === n - 1 ? cents - each * (n - 1) : each) / 100,
  }));
}
