import { request } from './client.js';
import type { CrmRecord, HistoryEntry, RecordPage, RecordProcess, SortSpec } from './types.js';

export interface ListParams {
  limit?: number;
  cursor?: string | null;
  sort?: SortSpec[];
  /** Text filter (`name contains 'abc'`) or a filter-language JSON object. */
  filter?: string | object;
  expand?: string[];
  count?: boolean;
}

const base = (entity: string) => `/api/records/${encodeURIComponent(entity)}`;
const one = (entity: string, id: string) => `${base(entity)}/${encodeURIComponent(id)}`;

export function listRecords(entity: string, params: ListParams = {}, signal?: AbortSignal): Promise<RecordPage> {
  const { filter, sort, expand } = params;
  return request<RecordPage>('GET', base(entity), {
    signal,
    query: {
      limit: params.limit,
      cursor: params.cursor,
      sort: sort?.length ? sort.map((s) => `${s.field}:${s.direction}`).join(',') : undefined,
      filter: filter === undefined ? undefined : typeof filter === 'string' ? filter : JSON.stringify(filter),
      expand: expand?.length ? expand.join(',') : undefined,
      count: params.count ? true : undefined,
    },
  });
}

/** How many records each value of `field` has under `filter` (GET …/aggregate, only records the user may read): value → count. */
export async function groupCounts(entity: string, field: string, filter?: string | object, signal?: AbortSignal): Promise<Map<unknown, number>> {
  const res = await request<{ groups: { key: Record<string, unknown>; values: { count: number } }[] }>('GET', `${base(entity)}/aggregate`, {
    signal,
    query: { groupBy: field, metrics: 'count', filter: filter === undefined ? undefined : typeof filter === 'string' ? filter : JSON.stringify(filter) },
  });
  return new Map(res.groups.map((g) => [g.key[field] ?? null, g.values.count]));
}

export interface GetOptions {
  expand?: string[];
  /** Also answer for a soft-deleted record (it then carries `deletedAt`). */
  includeDeleted?: boolean;
  signal?: AbortSignal;
}

export function getRecord(entity: string, id: string, options: GetOptions = {}): Promise<CrmRecord> {
  return request<CrmRecord>('GET', one(entity, id), {
    signal: options.signal,
    query: { expand: options.expand?.join(','), deleted: options.includeDeleted ? 'include' : undefined },
  });
}

export function createRecord(entity: string, body: Record<string, unknown>, allowDuplicates = false): Promise<CrmRecord> {
  return request<CrmRecord>('POST', base(entity), { body, query: { allowDuplicates: allowDuplicates || undefined } });
}

export function updateRecord(
  entity: string,
  id: string,
  body: Record<string, unknown> & { version: number },
  allowDuplicates = false,
): Promise<CrmRecord> {
  return request<CrmRecord>('PATCH', one(entity, id), { body, query: { allowDuplicates: allowDuplicates || undefined } });
}

export function deleteRecord(entity: string, id: string): Promise<void> {
  return request<void>('DELETE', one(entity, id));
}

export function restoreRecord(entity: string, id: string): Promise<CrmRecord> {
  return request<CrmRecord>('POST', `${one(entity, id)}/restore`);
}

export async function recordHistory(entity: string, id: string, signal?: AbortSignal): Promise<HistoryEntry[]> {
  const res = await request<{ items: HistoryEntry[] }>('GET', `${one(entity, id)}/history`, { signal });
  return res.items;
}

/** The record's process instances, running and ended; the server answers only what the user may see. */
export async function recordProcesses(entity: string, id: string, signal?: AbortSignal): Promise<RecordProcess[]> {
  const res = await request<{ items: RecordProcess[] }>('GET', `${one(entity, id)}/processes`, { signal });
  return res.items;
}
