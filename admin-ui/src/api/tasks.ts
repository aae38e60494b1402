/** The inbox's calls (the Task API, docs/processes.md "Tasks and forms") and their shapes. */
import { buildUrl, request } from './client.js';

export type TaskList = 'mine' | 'group' | 'delegated' | 'overdue';

export interface TaskItem {
  id: string;
  name: string | null;
  processDefinitionKey: string;
  /** The BPMN process's name (the shipped models give it in Chinese and English); null when it has none. */
  processDefinitionName: string | null;
  taskDefinitionKey: string | null;
  processInstanceId: string;
  assignee: string | null;
  owner: string | null;
  delegationState: 'PENDING' | 'RESOLVED' | null;
  created: string | null;
  due: string | null;
  followUp: string | null;
  priority: number;
  formKey: string | null;
  businessKey: string | null;
  record: { entity: string; id: string; display: string } | null;
}

export interface TaskForm {
  id: string;
  title: Record<string, string>;
  schema: Record<string, unknown> & { properties: Record<string, Record<string, unknown>> };
  uiSchema: Record<string, unknown>;
}

export interface TaskDetail extends TaskItem {
  form: TaskForm | null;
  data: Record<string, unknown>;
}

/** A list's filters and order, as GET /api/tasks and saved filters take them. */
export interface TaskQuery {
  list: TaskList;
  processKey?: string;
  name?: string;
  q?: string;
  record?: string;
  dueBefore?: string;
  dueAfter?: string;
  minPriority?: number;
  maxPriority?: number;
  /** `due`, `created`, `priority` or `name`, optionally `:asc` / `:desc`. */
  sort?: string;
}

export interface TaskPage {
  items: TaskItem[];
  nextCursor: string | null;
}

export type TaskCounts = Record<TaskList, number>;

export interface SavedFilter {
  id: string;
  name: string;
  query: TaskQuery & { order?: 'asc' | 'desc' };
}

/** A record's files: the workspace's one client for them (api/workspace.ts). */
export { type Attachment, listAttachments as attachments, attachmentUrl, uploadAttachment } from './workspace.js';

const enc = encodeURIComponent;
type Query = Record<string, string | number | undefined>;

export const taskPath = (id: string) => `/tasks/${enc(id)}`;

export function listTasks(query: TaskQuery, page: { limit?: number; cursor?: string } = {}, signal?: AbortSignal): Promise<TaskPage> {
  return request<TaskPage>('GET', '/api/tasks', { query: { ...(query as unknown as Query), ...page }, signal });
}

export function taskCounts(query: Omit<TaskQuery, 'list' | 'sort'>, signal?: AbortSignal): Promise<TaskCounts> {
  return request<TaskCounts>('GET', '/api/tasks/counts', { query: query as unknown as Query, signal });
}

export const getTask = (id: string, signal?: AbortSignal) => request<TaskDetail>('GET', `/api/tasks/${enc(id)}`, { signal });
export const claimTask = (id: string) => request<TaskItem>('POST', `/api/tasks/${enc(id)}/claim`, { body: {} });
export const unclaimTask = (id: string) => request<TaskItem>('POST', `/api/tasks/${enc(id)}/unclaim`, { body: {} });
export const delegateTask = (id: string, userId: string) => request<TaskItem>('POST', `/api/tasks/${enc(id)}/delegate`, { body: { userId } });
export const setTaskDates = (id: string, dates: { due?: string | null; followUp?: string | null }) => request<TaskItem>('PATCH', `/api/tasks/${enc(id)}`, { body: dates });
export const completeTask = (id: string, data: Record<string, unknown>) =>
  request<{ id: string; processInstanceId: string; resolved: boolean; nextTaskId: string | null }>('POST', `/api/tasks/${enc(id)}/complete`, { body: { data } });

export const savedFilters = async () => (await request<{ items: SavedFilter[] }>('GET', '/api/tasks/filters')).items;
export const saveFilter = (name: string, query: TaskQuery) => request<SavedFilter>('POST', '/api/tasks/filters', { body: { name, query } });
export const deleteFilter = (id: string) => request<void>('DELETE', `/api/tasks/filters/${enc(id)}`);

/** The live stream of task events (GET /api/tasks/stream): `onEvent` for each; closed by the returned function. */
export function watchTasks(onEvent: () => void): () => void {
  if (typeof EventSource === 'undefined') return () => undefined;
  const source = new EventSource(buildUrl('/api/tasks/stream'));
  source.addEventListener('task', onEvent);
  return () => source.close();
}

