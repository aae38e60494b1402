/**
 * The runtime's records and org API as worker steps use it: JSON in and out, any non-2xx answer an
 * Error naming the call and the problem's detail (so the host reports a failure and retries).
 * Not a worker module: the host loads only the files directly in processes/workers/.
 */
import type { WorkerContext } from '../types.js';

/** A non-2xx answer: the call, the status and the problem's type (its last segment, e.g. `unique-violation`). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

export async function apiJson<T = Record<string, unknown>>(ctx: WorkerContext, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T> {
  const res = await ctx.api(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    let code: string | undefined;
    try {
      const problem = JSON.parse(text) as { type?: string; detail?: string; title?: string; errors?: unknown };
      code = problem.type?.split('/').pop();
      detail = [problem.detail ?? problem.title, problem.errors ? JSON.stringify(problem.errors) : ''].filter(Boolean).join(' ');
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(`${method} /api${path}: ${res.status} ${detail}`, res.status, code);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export type ApiRecord = Record<string, unknown> & { id: string; version: number };

export const getRecord = (ctx: WorkerContext, entity: string, id: string) => apiJson<ApiRecord>(ctx, 'GET', `/records/${entity}/${encodeURIComponent(id)}`);

/** A partial update; with `version`, only while the record is at that version (409 `version-conflict` otherwise). */
export const patchRecord = (ctx: WorkerContext, entity: string, id: string, patch: Record<string, unknown>, version?: number) =>
  apiJson<ApiRecord>(ctx, 'PATCH', `/records/${entity}/${encodeURIComponent(id)}`, patch, version === undefined ? undefined : { 'if-match': `"${version}"` });

/** Every record matching `filter` (records filter JSON), page by page. */
export async function listAll(ctx: WorkerContext, entity: string, filter: unknown): Promise<ApiRecord[]> {
  const items: ApiRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await apiJson<{ items: ApiRecord[]; nextCursor: string | null }>(ctx, 'POST', `/records/${entity}/query`, {
      filter,
      sort: [{ field: 'createdAt', direction: 'asc' }],
      limit: 1000,
      ...(cursor ? { cursor } : {}),
    });
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return items;
}

/** A comma-separated list variable (candidate users, recipients) as distinct non-empty items. */
export function commaList(v: unknown): string[] {
  if (typeof v !== 'string') return [];
  return [...new Set(v.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
}
