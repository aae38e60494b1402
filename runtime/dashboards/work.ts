/**
 * The work dashboards: overdue tasks by process, and service requests by dispatch state with their
 * SLA — a request is overdue when an open task of its process is past its due date (the
 * technician's confirmation SLA while dispatched-unconfirmed, the due dates of the other steps
 * otherwise: docs/processes/service-dispatch.md). Tasks count only when the user may see them (the
 * Task API's rule: the record is readable to them); requests only when they may read them.
 */
import type { User } from '../auth/service.js';
import type { TaskItem } from '../tasks/view.js';
import { mayView, viewTasks, type TaskDeps } from '../tasks/view.js';
import { aggregate, fieldOf, viewOf } from './aggregate.js';

/** Camunda's date format (what `dueBefore` takes on either engine). */
const camundaDate = (d: Date) => d.toISOString().replace('Z', '+0000');

/** Overdue tasks read from the engine at a time (longest overdue first); memory stays bounded by it. */
const SCAN_PAGE = 500;
/** Tasks listed per process (the longest overdue); the count covers them all. */
export const OVERDUE_ITEMS_PER_PROCESS = 50;

export interface OverdueTasks {
  /** Per process definition key (with the definition's name), most overdue tasks first. */
  groups: { processDefinitionKey: string; processDefinitionName: string | null; count: number }[];
  /** The longest overdue tasks, at most OVERDUE_ITEMS_PER_PROCESS per process, longest overdue first. */
  items: TaskItem[];
}

/** Every overdue task the user may see, page by page in due order (the engine's sort), each once. */
async function scanOverdue(deps: TaskDeps, user: User, now: Date, visit: (item: TaskItem) => void): Promise<void> {
  const query = { dueBefore: camundaDate(now), sorting: [{ sortBy: 'dueDate', sortOrder: 'asc' as const }, { sortBy: 'id', sortOrder: 'asc' as const }] };
  const seen = new Set<string>();
  for (let firstResult = 0; ; firstResult += SCAN_PAGE) {
    const tasks = await deps.engine.tasks(query, { firstResult, maxResults: SCAN_PAGE });
    // A task completed between two pages shifts the next page: one seen before may come again.
    for (const v of await viewTasks(deps, user, tasks.filter((t) => !seen.has(t.id))))
      if (await mayView(deps, user, v)) visit(v.item);
    tasks.forEach((t) => seen.add(t.id));
    if (tasks.length < SCAN_PAGE) return;
  }
}

export async function overdueTasks(deps: TaskDeps, user: User, now: Date): Promise<OverdueTasks> {
  const counts = new Map<string, number>();
  const items: TaskItem[] = [];
  const processes = new Map<string, string>();
  await scanOverdue(deps, user, now, (item) => {
    const n = (counts.get(item.processDefinitionKey) ?? 0) + 1;
    counts.set(item.processDefinitionKey, n);
    if (n <= OVERDUE_ITEMS_PER_PROCESS) items.push(item);
    if (n === 1) processes.set(item.processDefinitionKey, item.processInstanceId);
  });
  // The definitions' names: one instance of each process is enough to ask.
  const names = new Map<string, string | null>();
  for (const pi of await deps.engine.processInstancesById([...processes.values()]))
    if (!names.get(pi.processDefinitionKey)) names.set(pi.processDefinitionKey, pi.processDefinitionName ?? null);
  return {
    groups: [...counts].map(([processDefinitionKey, count]) => ({ processDefinitionKey, processDefinitionName: names.get(processDefinitionKey) ?? null, count })).sort((a, b) => b.count - a.count || a.processDefinitionKey.localeCompare(b.processDefinitionKey)),
    items,
  };
}

/** Where the service dashboard reads: the entity and its state (the dispatch state). */
export const SERVICE = { entity: 'serviceRequest', state: 'state' } as const;

export interface ServiceRequestStates {
  entity: string;
  field: string;
  /** Per state value (enum order): the requests there and the overdue ones among them (their ids, for the list). */
  states: { value: string; label: { 'zh-CN': string; en: string } | null; count: number; overdue: number; overdueIds: string[] }[];
  total: { count: number; overdue: number };
}

export async function serviceRequestStates(deps: TaskDeps, user: User, now: Date): Promise<ServiceRequestStates> {
  const view = viewOf(user, deps.model(), SERVICE.entity);
  const field = fieldOf(view, SERVICE.state);
  const all = await aggregate(deps.db, view, { groupBy: [SERVICE.state], metrics: ['count'] });
  const records = new Set<string>();
  await scanOverdue(deps, user, now, (t) => t.record?.entity === SERVICE.entity && records.add(t.record.id));
  const overdueRecords = [...records];
  const overdue =
    overdueRecords.length === 0
      ? []
      : (await aggregate(deps.db, view, { groupBy: [SERVICE.state, 'id'], metrics: ['count'], filter: { field: 'id', op: 'in', value: overdueRecords } })).groups;
  const states = (field.enumValues ?? []).map((value) => {
    const ids = overdue.filter((g) => g.key[SERVICE.state] === value).map((g) => String(g.key.id));
    return {
      value,
      label: field.enumLabels?.[value] ?? null,
      count: Number(all.groups.find((g) => g.key[SERVICE.state] === value)?.values.count ?? 0),
      overdue: ids.length,
      overdueIds: ids,
    };
  });
  return {
    entity: SERVICE.entity,
    field: SERVICE.state,
    states,
    total: { count: Number(all.total.count ?? 0), overdue: states.reduce((n, s) => n + s.overdue, 0) },
  };
}
