/**
 * The runtime's records and org API as worker steps use it: JSON in and out, any non-2xx answer an
 * ApiError naming the call, its status and the problem's detail (so the host reports a failure and
 * retries, and a step that expects a status — 409 on a stale version — can tell).
 * Not a worker module: the host loads only the files directly in processes/workers/.
 */
import type { WorkerContext } from '../types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function apiJson<T = Record<string, unknown>>(ctx: WorkerContext, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await ctx.api(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) {
    let detail = text;
    try {
      const problem = JSON.parse(text) as { detail?: string; title?: string; errors?: unknown };
      detail = [problem.detail ?? problem.title, problem.errors ? JSON.stringify(problem.errors) : ''].filter(Boolean).join(' ');
    } catch {
      // not JSON: keep the text
    }
    throw new ApiError(res.status, `${method} /api${path}: ${res.status} ${detail}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}

export type ApiRecord = Record<string, unknown> & { id: string; version: number };

export const getRecord = (ctx: WorkerContext, entity: string, id: string) => apiJson<ApiRecord>(ctx, 'GET', `/records/${entity}/${encodeURIComponent(id)}`);

/** A partial update; with `version`, only if the record is still at that version (ApiError 409 otherwise). */
export const patchRecord = (ctx: WorkerContext, entity: string, id: string, patch: Record<string, unknown>, version?: number) =>
  apiJson<ApiRecord>(ctx, 'PATCH', `/records/${entity}/${encodeURIComponent(id)}`, patch, version === undefined ? {} : { 'if-match': `"${version}"` });

/** Share one record with a grantee (`{kind, key}` as /shares takes it); sharing again only sets the access. */
export const shareRecord = (ctx: WorkerContext, entity: string, id: string, grantee: { kind: string; key: string }, access: 'read' | 'edit') =>
  apiJson(ctx, 'POST', `/records/${entity}/${encodeURIComponent(id)}/shares`, { grantee, access });

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

/**
 * A candidate group id (`role:<key>`, `department:<key>`, `team:<key>`, `group:<key>`,
 * `territory:<key>`) as a share grantee; undefined for ids no share can name (`territory-manager:`).
 * A department share reaches that department only, not the ones below it.
 */
export function granteeOfGroup(groupId: string): { kind: string; key: string } | undefined {
  const at = groupId.indexOf(':');
  const kind = groupId.slice(0, at);
  const key = groupId.slice(at + 1);
  return at > 0 && key && ['role', 'department', 'team', 'group', 'territory'].includes(kind) ? { kind, key } : undefined;
}
