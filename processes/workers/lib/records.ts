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

/** Let one person read a record (a manual share; sharing again changes nothing). */
export async function shareWith(ctx: WorkerContext, entity: string, id: string, userId: string): Promise<void> {
  await apiJson(ctx, 'POST', `/records/${entity}/${encodeURIComponent(id)}/shares`, { grantee: { kind: 'user', key: userId }, access: 'read' });
}
