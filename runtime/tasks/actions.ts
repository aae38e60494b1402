/**
 * Task actions beyond claim and complete: delegate (Camunda's semantics — the delegator stays the
 * owner, the delegate becomes the assignee, resolving returns the task) and setting the due and
 * follow-up dates. Bad input is a 400 naming the field; who may act is checked as for completing.
 */
import { isUnrestricted } from '../access/index.js';
import { loadPrincipal, type User } from '../auth/service.js';
import { AppError, type FieldError } from '../errors.js';
import { assertMayAct, lostRace, viewTask } from './service.js';
import { viewTasks, type TaskDeps, type TaskItem } from './view.js';

const bad = (errors: FieldError[]) => new AppError('bad-request', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);

/** A JSON object body with only `allowed` members (each unknown one named). */
function bodyOf(body: unknown, allowed: readonly string[]): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad([{ path: '/', message: 'must be a JSON object' }]);
  const unknown = Object.keys(body).filter((k) => !allowed.includes(k));
  if (unknown.length > 0) throw bad(unknown.map((k) => ({ path: `/${k}`, message: 'unknown field' })));
  return body as Record<string, unknown>;
}

/** The active, non-service user a task may be delegated to, who may see it; else a 400 on `/userId`. */
async function delegateOf(deps: TaskDeps, user: User, task: Awaited<ReturnType<typeof viewTask>>['task'], userId: unknown): Promise<User> {
  const refuse = (message: string) => bad([{ path: '/userId', message }]);
  if (typeof userId !== 'string' || userId === '') throw refuse('must be the id of a user');
  if (userId === user.id) throw refuse('must be someone else');
  const target = await loadPrincipal(deps.db, userId);
  const [row] = target ? await deps.db.query<{ active: boolean }>('select active from sec.user where id = $1', [userId]) : [];
  if (!target || !row?.active || target.isService) throw refuse('is no active user');
  const [seen] = await viewTasks(deps, target, [task]);
  if (seen.hidden) throw refuse("may not read the task's record");
  return target;
}

export async function delegate(deps: TaskDeps, user: User, id: string, body: unknown): Promise<TaskItem> {
  const { userId } = bodyOf(body, ['userId']);
  const { task } = await viewTask(deps, user, id);
  if (task.assignee !== user.id && !isUnrestricted(user)) throw new AppError('task-forbidden', `task ${id} is not assigned to you: claim it before delegating it`);
  const target = await delegateOf(deps, user, task, userId);
  await deps.engine.delegateTask(id, target.id).catch((e: unknown) => lostRace(id, e));
  return (await viewTask(deps, user, id)).item;
}

/** An ISO instant, or null (none); else the error of `field`. */
function dateOf(v: unknown, field: string, errors: FieldError[]): string | null | undefined {
  if (v === undefined || v === null) return v;
  const d = typeof v === 'string' && /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) ? new Date(v) : new Date(NaN);
  if (!Number.isNaN(d.getTime())) return d.toISOString();
  errors.push({ path: `/${field}`, message: 'must be an ISO date or date-time (e.g. 2026-12-31T18:00:00Z), or null' });
  return undefined;
}

/** A Camunda date (`…+0000`) as an ISO instant. */
const isoOf = (camunda: string | null): string | null => (camunda === null ? null : new Date(camunda.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString());

/** PATCH /api/tasks/:id `{ due?, followUp? }`: by whoever may act on the task, or its owner. */
export async function setDates(deps: TaskDeps, user: User, id: string, body: unknown): Promise<TaskItem> {
  const b = bodyOf(body, ['due', 'followUp']);
  const errors: FieldError[] = [];
  const due = dateOf(b.due, 'due', errors);
  const followUp = dateOf(b.followUp, 'followUp', errors);
  if (!('due' in b) && !('followUp' in b)) errors.push({ path: '/', message: 'give due, followUp or both' });
  if (errors.length > 0) throw bad(errors);
  const { task } = await viewTask(deps, user, id);
  if (task.owner !== user.id) await assertMayAct(deps, user, task);
  const dates = { due: due === undefined ? isoOf(task.due) : due, followUp: followUp === undefined ? isoOf(task.followUp) : followUp };
  await deps.engine.setTaskDates(id, dates).catch((e: unknown) => lostRace(id, e));
  return (await viewTask(deps, user, id)).item;
}
