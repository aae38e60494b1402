/**
 * What the contract-review workers need of the runtime's HTTP API (records, shares, the org
 * directory), over `ctx.api` with the service token. Not a worker module: it lives in a subfolder,
 * which the workers host does not load. Every call checks the status it expects; anything else
 * throws (the task fails and is retried), so a worker never goes on after a write it did not make.
 */
import type { WorkerContext } from '../types.js';

export type ApiRecord = Record<string, unknown> & { id: string; version: number; ownerId: string };

/** An answer the worker did not expect: the status and the problem's type, for the incident. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: { type?: string; detail?: string; title?: string },
    what: string,
  ) {
    super(`${what}: ${status} ${problem.detail ?? problem.title ?? ''}`.trim());
  }
  /** The problem type's last segment (`…/unique-violation` → `unique-violation`). */
  get code(): string | undefined {
    return this.problem.type?.split('/').pop();
  }
}

async function call<T>(ctx: WorkerContext, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await ctx.api(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  const parsed = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) throw new ApiError(res.status, (parsed ?? {}) as ApiError['problem'], `${method} ${path}`);
  return parsed as T;
}

export const getRecord = (ctx: WorkerContext, entity: string, id: string) => call<ApiRecord>(ctx, 'GET', `/records/${entity}/${id}`);

export const createRecord = (ctx: WorkerContext, entity: string, values: Record<string, unknown>) => call<ApiRecord>(ctx, 'POST', `/records/${entity}`, values);

/** A partial update; with `version`, only if the record is still at that version (409 otherwise). */
export const patchRecord = (ctx: WorkerContext, entity: string, id: string, patch: Record<string, unknown>, version?: number) =>
  call<ApiRecord>(ctx, 'PATCH', `/records/${entity}/${id}`, patch, version === undefined ? {} : { 'if-match': `"${version}"` });

/** The records matching a filter (records filter JSON), at most `limit`. */
export async function findRecords(ctx: WorkerContext, entity: string, filter: unknown, opts: { sort?: string; limit?: number } = {}): Promise<ApiRecord[]> {
  const page = await call<{ items: ApiRecord[] }>(ctx, 'POST', `/records/${entity}/query`, { filter, limit: opts.limit ?? 1000, ...(opts.sort ? { sort: opts.sort } : {}) });
  return page.items;
}

/**
 * The record with these unique values, created from `values` when there is none — idempotent for a
 * retried worker: a unique constraint refuses a second row, and the existing one is returned.
 */
export async function ensureRecord(ctx: WorkerContext, entity: string, unique: Record<string, unknown>, values: Record<string, unknown>): Promise<ApiRecord> {
  const filter = { and: Object.entries(unique).map(([field, value]) => ({ field, op: 'eq', value })) };
  const [found] = await findRecords(ctx, entity, filter, { limit: 1 });
  if (found) return found;
  try {
    return await createRecord(ctx, entity, { ...values, ...unique });
  } catch (e) {
    if (!(e instanceof ApiError && e.code === 'unique-violation')) throw e;
    const [raced] = await findRecords(ctx, entity, filter, { limit: 1 });
    if (!raced) throw e;
    return raced;
  }
}

/** Hand a record the worker created to the person it belongs to (a no-op when it is theirs already). */
export async function giveTo(ctx: WorkerContext, entity: string, record: ApiRecord, userId: string): Promise<void> {
  if (record.ownerId === userId) return;
  await call(ctx, 'PUT', `/records/${entity}/${record.id}/owner`, { ownerId: userId });
}

/** Let one user read a record (a manual share; sharing again changes nothing). */
export async function shareWithUser(ctx: WorkerContext, entity: string, id: string, userId: string): Promise<void> {
  await call(ctx, 'POST', `/records/${entity}/${id}/shares`, { grantee: { kind: 'user', key: userId }, access: 'read' });
}

export interface OrgUser {
  id: string;
  displayName: string;
  active: boolean;
  department: { id: string; key: string; name: string } | null;
  manager: { id: string; displayName: string } | null;
}

export const orgUser = (ctx: WorkerContext, id: string) => call<OrgUser>(ctx, 'GET', `/org/users/${id}`);

export const department = (ctx: WorkerContext, key: string) => call<{ id: string; key: string; managerId: string | null }>(ctx, 'GET', `/org/departments/${key}`);

/** An open user task of a record's process instance, as GET /api/records/:entity/:id/processes lists it. */
export interface OpenTask {
  id: string;
  taskDefinitionKey: string | null;
  assignee: string | null;
}

/** The open task `taskDefinitionKey` of process instance `instanceId` run for the record, if any. */
export async function openTask(ctx: WorkerContext, entity: string, id: string, instanceId: string, taskDefinitionKey: string): Promise<OpenTask | undefined> {
  const { items } = await call<{ items: { id: string; tasks: OpenTask[] }[] }>(ctx, 'GET', `/records/${entity}/${id}/processes`);
  return items.find((p) => p.id === instanceId)?.tasks.find((t) => t.taskDefinitionKey === taskDefinitionKey);
}

/** Today's date (UTC) as `yyyy-mm-dd`. */
export const today = (): string => new Date().toISOString().slice(0, 10);
