/**
 * The Task API's use cases: the inbox, one task with its form, claim, unclaim and complete.
 * Tasks come from the EngineClient (either engine); what a user may see of them is decided by the
 * access builder through the process's record (view.ts); what they may do by assignee and
 * candidates (admins and service accounts may act on any task).
 */
import type { EngineVariables } from '../../engine/index.js';
import type { Form, FormRegistry } from '../../forms/index.js';
import { candidateGroupsOf, isUnrestricted } from '../access/index.js';
import type { User } from '../auth/service.js';
import { AppError } from '../errors.js';
import { isCandidate, mayView, viewTasks, type EngineTask, type TaskDeps, type TaskItem, type ViewedTask } from './view.js';

export interface TaskServiceDeps extends TaskDeps {
  forms: FormRegistry;
}

export type InboxScope = 'assigned' | 'candidate' | 'all';

export interface TaskDetail extends TaskItem {
  form: Pick<Form, 'id' | 'title' | 'schema' | 'uiSchema'> | null;
  data: Record<string, unknown>;
}

const notFound = (id: string) => new AppError('not-found', `task ${id} not found`);

/** Inbox order: due first (soonest first, none last), then oldest first. */
function byDueThenCreated(a: EngineTask, b: EngineTask): number {
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  return (a.created ?? '') < (b.created ?? '') ? -1 : (a.created ?? '') > (b.created ?? '') ? 1 : 0;
}

/** The user's inbox: assigned to them, and unassigned with them as candidate user or group — on records they may read. */
export async function inbox(deps: TaskServiceDeps, user: User, opts: { processKey?: string; scope: InboxScope }): Promise<TaskItem[]> {
  const filter = opts.processKey === undefined ? {} : { processDefinitionKey: opts.processKey };
  const queries = [];
  if (opts.scope !== 'candidate') queries.push(deps.engine.tasks({ ...filter, assignee: user.id }));
  if (opts.scope !== 'assigned') {
    queries.push(deps.engine.tasks({ ...filter, candidateUser: user.id }));
    const groups = candidateGroupsOf(user, deps.model());
    if (groups.length > 0) queries.push(deps.engine.tasks({ ...filter, candidateGroups: groups }));
  }
  const byId = new Map<string, EngineTask>();
  for (const list of await Promise.all(queries)) for (const t of list) byId.set(t.id, t);
  const viewed = await viewTasks(deps, user, [...byId.values()].sort(byDueThenCreated));
  return viewed.filter((v) => !v.hidden).map((v) => v.item);
}

/** One task as the user may see it; 404 when it does not exist or is not theirs to see. */
export async function viewTask(deps: TaskDeps, user: User, id: string): Promise<ViewedTask> {
  const task = await deps.engine.task(id);
  if (!task) throw notFound(id);
  const [viewed] = await viewTasks(deps, user, [task]);
  if (!(await mayView(deps, user, viewed))) throw notFound(id);
  return viewed;
}

/** A process variable's value as initial form data: JSON strings back to objects/arrays where the field is one. */
function initialValue(schema: Record<string, unknown>, v: EngineVariables[string]): unknown {
  const type = schema.type;
  if (typeof v.value === 'string' && (type === 'object' || type === 'array')) {
    try {
      return JSON.parse(v.value);
    } catch {
      return undefined;
    }
  }
  return v.value ?? undefined;
}

export async function taskDetail(deps: TaskServiceDeps, user: User, id: string): Promise<TaskDetail> {
  const { task, item } = await viewTask(deps, user, id);
  const form = deps.forms.forKey(task.formKey);
  const data: Record<string, unknown> = {};
  if (form) {
    const variables = (await deps.engine.taskVariables(id)) ?? {};
    for (const [name, schema] of Object.entries(form.schema.properties)) {
      if (!Object.hasOwn(variables, name)) continue;
      const value = initialValue(schema, variables[name]);
      if (value !== undefined) data[name] = value;
    }
  }
  return { ...item, form: form ? { id: form.id, title: form.title, schema: form.schema, uiSchema: form.uiSchema } : null, data };
}

/**
 * 403 `task-forbidden` unless the user may act on the task: its assignee, or — while nobody has
 * claimed it — a candidate; 409 `task-claimed` for a candidate when someone else has claimed it.
 * Admins and service accounts may act on any task (`claimedByOtherBlocks`: not even they claim a
 * task someone else holds).
 */
export async function assertMayAct(deps: TaskDeps, user: User, task: EngineTask, opts: { claimedByOtherBlocks?: boolean } = {}): Promise<void> {
  if (task.assignee === user.id) return;
  const byOther = task.assignee !== null;
  if (isUnrestricted(user) && !(byOther && opts.claimedByOtherBlocks)) return;
  const candidate = isUnrestricted(user) || (await isCandidate(deps, user, task.id));
  if (byOther && candidate) throw new AppError('task-claimed', `task ${task.id} is claimed by someone else`, undefined, { assignee: task.assignee });
  if (!candidate) throw new AppError('task-forbidden', `task ${task.id} is neither assigned to you nor offered to you`);
}

/**
 * An engine's refusal because of a race lost since the checks (either engine: the embedded one's
 * EngineError, a remote one's EngineHttpError): the task vanished → 404, someone claimed it → 409.
 * Anything else as it is.
 */
export function lostRace(id: string, e: unknown): never {
  const message = e instanceof Error ? e.message : '';
  if (/task is null|No matching task|doesn't exist|Cannot find task/i.test(message)) throw notFound(id);
  if (/already claimed/i.test(message)) throw new AppError('task-claimed', `task ${id} is claimed by someone else`);
  throw e;
}

export async function claim(deps: TaskDeps, user: User, id: string): Promise<TaskItem> {
  const { task } = await viewTask(deps, user, id);
  await assertMayAct(deps, user, task, { claimedByOtherBlocks: true });
  if (task.assignee !== user.id) await deps.engine.claimTask(id, user.id).catch((e: unknown) => lostRace(id, e));
  return (await viewTask(deps, user, id)).item;
}

export async function unclaim(deps: TaskDeps, user: User, id: string): Promise<TaskItem> {
  const { task } = await viewTask(deps, user, id);
  if (task.assignee !== null) {
    await assertMayAct(deps, user, task);
    await deps.engine.unclaimTask(id).catch((e: unknown) => lostRace(id, e));
  }
  return (await viewTask(deps, user, id)).item;
}

/**
 * The task to open after completing one: an open task of the same record (or, for a process
 * without one, the same instance) that is the user's — assigned to them, or offered to them and
 * unclaimed — soonest due first; null when there is none (yet: a remote engine runs on later).
 */
export async function nextTaskFor(deps: TaskDeps, user: User, done: { id: string; businessKey: string | null; processInstanceId: string }): Promise<string | null> {
  const scope = done.businessKey !== null ? { processInstanceBusinessKey: done.businessKey } : { processInstanceId: done.processInstanceId };
  const groups = candidateGroupsOf(user, deps.model());
  const queries = [{ ...scope, assignee: user.id }, { ...scope, candidateUser: user.id }, ...(groups.length > 0 ? [{ ...scope, candidateGroups: groups }] : [])];
  const found = (await Promise.all(queries.map((q) => deps.engine.tasks(q)))).flat().filter((t) => t.id !== done.id);
  const viewed = await viewTasks(deps, user, found.sort(byDueThenCreated));
  return viewed.find((v) => !v.hidden)?.item.id ?? null;
}
