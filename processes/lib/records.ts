/**
 * Records through the runtime's HTTP API, for worker modules: read, change (optimistically, with the
 * version read), list every match of a filter, share. A non-2xx answer throws `ApiFailure` (a
 * failure for the host to retry), except where a caller asks for the status.
 */
import type { WorkerContext } from '../workers/types.js';

/** A record as the API answers it. */
export type ApiRecord = Record<string, unknown> & { id: string; version: number; ownerId?: string | null };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${typeof body === 'string' ? body : JSON.stringify(body)}`.slice(0, 500));
  }
}

async function call<T>(ctx: WorkerContext, what: string, path: string, init?: RequestInit): Promise<T> {
  const res = await ctx.api(path, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* keep the text */
  }
  if (!res.ok) throw new ApiFailure(res.status, body, what);
  return body as T;
}

const recordPath = (entity: string, id: string) => `/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;

export function getRecord(ctx: WorkerContext, entity: string, id: string): Promise<ApiRecord> {
  return call(ctx, `reading ${entity} ${id}`, recordPath(entity, id));
}

/** PATCH; with `version`, only if the record is still at it (else ApiFailure with status 409). */
export function patchRecord(ctx: WorkerContext, entity: string, id: string, patch: Record<string, unknown>, version?: number): Promise<ApiRecord> {
  const headers: Record<string, string> = version === undefined ? {} : { 'if-match': `"${version}"` };
  return call(ctx, `changing ${entity} ${id}`, recordPath(entity, id), { method: 'PATCH', body: JSON.stringify(patch), headers });
}

/** Every record of `entity` matching `filter` (records filter JSON), oldest first, page by page. */
export async function listAll(ctx: WorkerContext, entity: string, filter: unknown): Promise<ApiRecord[]> {
  const out: ApiRecord[] = [];
  let cursor: string | null = null;
  do {
    const body: Record<string, unknown> = { filter, sort: [{ field: 'createdAt', direction: 'asc' }], limit: 1000, ...(cursor ? { cursor } : {}) };
    const page: { items: ApiRecord[]; nextCursor: string | null } = await call(ctx, `listing ${entity}`, `/records/${encodeURIComponent(entity)}/query`, {
      method: 'POST',
      body: JSON.stringify(body),
    });
    out.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** Share one record with a grantee (`{kind, key}` as /shares takes it); sharing again only sets the access. */
export async function shareRecord(ctx: WorkerContext, entity: string, id: string, grantee: { kind: string; key: string }, access: 'read' | 'edit'): Promise<void> {
  await call(ctx, `sharing ${entity} ${id} with ${grantee.kind} ${grantee.key}`, `${recordPath(entity, id)}/shares`, {
    method: 'POST',
    body: JSON.stringify({ grantee, access }),
  });
}

/**
 * A candidate group id (`role:<key>`, `department:<key>`, `team:<key>`, `group:<key>`,
 * `territory:<key>`) as a share grantee; undefined for ids no share can name (`territory-manager:`).
 */
export function granteeOfGroup(groupId: string): { kind: string; key: string } | undefined {
  const at = groupId.indexOf(':');
  const kind = groupId.slice(0, at);
  const key = groupId.slice(at + 1);
  return at > 0 && key && ['role', 'department', 'team', 'group', 'territory'].includes(kind) ? { kind, key } : undefined;
}

/** Sum of money amounts, exact to the cent. */
export function sumMoney(amounts: readonly unknown[]): number {
  return amounts.reduce<number>((cents, a) => cents + Math.round(Number(a ?? 0) * 100), 0) / 100;
}
