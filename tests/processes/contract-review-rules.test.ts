/**
 * The pure rules of the contract-review workers: what three decisions add up to, and how an
 * order's amount becomes a payment plan (equal installments to the cent, due dates from ISO 8601
 * durations); and that the conformance corpus runs the shipped model.
 */
import { readFileSync } from 'node:fs';
import { paymentPlan } from '../../processes/workers/contract/payment-plan.js';
import { outcomeOf, reviewerOfDepartment } from '../../processes/workers/contract/review.js';
import type { Org } from '../../processes/workers/lib/org.js';

describe('outcomeOf', () => {
  test.each([
    [['approve', 'approve', 'approve'], 'approved'],
    [['approve', 'request-changes', 'approve'], 'changes-requested'],
    [['request-changes', 'request-changes', 'request-changes'], 'changes-requested'],
    [['approve', 'approve', 'reject'], 'rejected'],
    [['reject', 'request-changes', 'approve'], 'rejected'],
  ] as const)('%j → %s', (decisions, outcome) => {
    expect(outcomeOf([...decisions])).toBe(outcome);
  });
});

describe('paymentPlan', () => {
  test('given 100.00 in 3 installments monthly after 30 days, the cents add up and the last takes the remainder', () => {
    expect(paymentPlan({ amount: 100, installments: 3, orderDate: '2026-01-31', firstPaymentAfter: 'P30D', paymentInterval: 'P1M' })).toEqual([
      { sequence: 1, dueDate: '2026-03-02', amount: 33.33 },
      { sequence: 2, dueDate: '2026-04-02', amount: 33.33 },
      { sequence: 3, dueDate: '2026-05-02', amount: 33.34 },
    ]);
  });

  test('given one installment, the whole amount is due after the first period', () => {
    expect(paymentPlan({ amount: 1234.56, installments: 1, orderDate: '2026-11-24', firstPaymentAfter: 'P0D', paymentInterval: 'P1M' })).toEqual([
      { sequence: 1, dueDate: '2026-11-24', amount: 1234.56 },
    ]);
  });

  test('given a duration that is not ISO 8601, it refuses naming the setting', () => {
    expect(() => paymentPlan({ amount: 1, installments: 2, orderDate: '2026-11-24', firstPaymentAfter: '30 days', paymentInterval: 'P1M' })).toThrow(/firstPaymentAfter/);
  });
});

describe('the conformance copy of the model', () => {
  test('is the shipped contract-review.bpmn but for its process id and the review due dates (relative to now, so not comparable across engines)', () => {
    const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
    const shipped = read('../../processes/contract-review.bpmn').replaceAll(' camunda:dueDate="${reviewSla}"', '');
    const copy = read('../conformance/scenarios/contract-review.bpmn').replaceAll('cf-contract-review', 'contract-review');
    expect(copy).toBe(shipped);
  });
});

describe('reviewerOfDepartment', () => {
  const org = (users: object[], departments: object[]) => ({ users, departments }) as unknown as Org;
  const dept = { id: 'd1', key: 'sales', managerId: 'head' };
  const user = (id: string, manager: string | null, department = true) => ({ id, displayName: id, role: null, active: true, isService: false, department: department ? { id: 'd1', key: 'sales' } : null, manager: manager ? { id: manager } : null });

  test('the head of the drafter’s department; the drafter’s own manager when they head it or it has none', () => {
    expect(reviewerOfDepartment(org([user('rep', 'boss'), user('head', 'boss'), user('boss', null)], [dept]), 'rep')).toBe('head');
    expect(reviewerOfDepartment(org([user('head', 'boss'), user('boss', null)], [dept]), 'head')).toBe('boss');
    expect(reviewerOfDepartment(org([user('rep', 'boss', false), user('boss', null)], [dept]), 'rep')).toBe('boss');
  });

  test('an inactive head or manager (absent from the org picture) counts as none', () => {
    expect(reviewerOfDepartment(org([user('rep', 'boss'), user('boss', null)], [dept]), 'rep')).toBe('boss');
    expect(reviewerOfDepartment(org([user('rep', 'gone')], [dept]), 'rep')).toBeNull();
  });
});
