/**
 * The contract-review rules the workers share: which version row belongs to a round, who the
 * drafter's department manager is, and what the three decisions add up to.
 */
import { Variables } from 'camunda-external-task-client-js';
import type { WorkerContext } from '../types.js';
import { listAll, type ApiRecord } from '../lib/api.js';
import type { Org } from '../lib/org.js';
import { ensureRecord, giveTo } from '../lib/records.js';

/** Process variables from plain values (the client types each: String, Integer, Double, Boolean, Null). */
export function variables(values: Record<string, unknown>): Variables {
  const v = new Variables();
  for (const [name, value] of Object.entries(values)) v.set(name, value);
  return v;
}

/**
 * Version `n` of the contract — the terms and amount as they are now, and what changed — created
 * once (unique per contract and number) and owned by the contract's owner.
 */
export async function ensureVersion(ctx: WorkerContext, contract: ApiRecord, n: number, changeNote: string | null): Promise<ApiRecord> {
  const version = await ensureRecord(
    ctx,
    'contractVersion',
    { contract: contract.id, versionNumber: n },
    { name: `${String(contract.name)} v${n}`.slice(0, 220), terms: contract.terms ?? null, amount: contract.amount ?? null, changeNote },
  );
  await giveTo(ctx, 'contractVersion', version, String(contract.ownerId));
  return version;
}

/** Version `n` of the contract (it exists: the round that reviews it created it). */
export async function versionOf(ctx: WorkerContext, contractId: string, n: number): Promise<ApiRecord> {
  const [version] = await listAll(ctx, 'contractVersion', { and: [{ field: 'contract', op: 'eq', value: contractId }, { field: 'versionNumber', op: 'eq', value: n }] });
  if (!version) throw new Error(`contract ${contractId} has no version ${n}`);
  return version;
}

/**
 * Who reviews for the drafter's department: the manager of the drafter's department, or — when the
 * drafter heads it themselves or it has none — the drafter's own manager (sec.user.manager_id).
 * Only active people count (`Org` lists no one else). Null when neither exists: the task goes to
 * the fallback candidate group.
 */
export function reviewerOfDepartment(org: Org, drafterId: string): string | null {
  const active = (id: string | null | undefined) => (id && org.users.some((u) => u.id === id) ? id : null);
  const drafter = org.users.find((u) => u.id === drafterId);
  if (!drafter) return null;
  const head = active(drafter.department ? org.departments.find((d) => d.id === drafter.department!.id)?.managerId : null);
  if (head && head !== drafterId) return head;
  return active(drafter.manager?.id);
}

export type Decision = 'approve' | 'request-changes' | 'reject';
export type Outcome = 'approved' | 'changes-requested' | 'rejected';

/** All approve: approved; any rejection: rejected (it outweighs change requests); else changes requested. */
export function outcomeOf(decisions: Decision[]): Outcome {
  if (decisions.includes('reject')) return 'rejected';
  if (decisions.every((d) => d === 'approve')) return 'approved';
  return 'changes-requested';
}

export const REVIEWS = ['manager', 'finance', 'legal'] as const;
export type Review = (typeof REVIEWS)[number];
