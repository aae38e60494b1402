/**
 * Record writes a worker must be able to repeat safely (a task is retried after a failure, or
 * fetched again after its lock expired): create-once by unique values, hand over to an owner,
 * share with a person — each a no-op the second time.
 */
import type { WorkerContext } from '../types.js';
import { ApiError, apiJson, listAll, type ApiRecord } from './api.js';

/**
 * The record with these unique values (an `x-crm-unique` rule of the entity), created from `values`
 * when there is none. A create that loses a race to the unique constraint returns the winner's row.
 */
export async function ensureRecord(ctx: WorkerContext, entity: string, unique: Record<string, unknown>, values: Record<string, unknown>): Promise<ApiRecord> {
  const filter = { and: Object.entries(unique).map(([field, value]) => ({ field, op: 'eq', value })) };
  const [found] = await listAll(ctx, entity, filter);
  if (found) return found;
  try {
    return await apiJson<ApiRecord>(ctx, 'POST', `/records/${entity}`, { ...values, ...unique });
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'unique-violation')) throw e;
    const [raced] = await listAll(ctx, entity, filter);
    if (!raced) throw e;
    return raced;
  }
}

/** Hand a record the service account created to the person it belongs to (nothing when it is theirs). */
export async function giveTo(ctx: WorkerContext, entity: string, record: ApiRecord, userId: string): Promise<void> {
  if (record.ownerId === userId) return;
  await apiJson(ctx, 'PUT', `/records/${entity}/${encodeURIComponent(record.id)}/owner`, { ownerId: userId });
}

/** Candidate group kinds a share can name (a department share reaches that department only). */
const SHAREABLE = ['user', 'role', 'department', 'team', 'group', 'territory'];

const granteeOf = (who: string) => {
  const at = who.indexOf(':');
  return at < 0 ? { kind: 'user', key: who } : { kind: who.slice(0, at), key: who.slice(at + 1) };
};

/** Whether `shareWith` can name `who` (a user id, or a candidate group id other than territory-manager:). */
export const canShareWith = (who: string): boolean => SHAREABLE.includes(granteeOf(who).kind) && granteeOf(who).key !== '';

/**
 * Let one person (a user id) or a group (a candidate group id: role:, department:, team:, group:,
 * territory:) read a record — a manual share; sharing again changes nothing.
 */
export async function shareWith(ctx: WorkerContext, entity: string, id: string, who: string): Promise<void> {
  if (!canShareWith(who)) throw new Error(`no share can name ${who}`);
  await apiJson(ctx, 'POST', `/records/${entity}/${encodeURIComponent(id)}/shares`, { grantee: granteeOf(who), access: 'read' });
}
