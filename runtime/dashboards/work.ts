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

export interface OverdueTasks {
  /** Per process definition key (with the definition's name), most overdue tasks first. */
  groups: { processDefinitionKey: string; processDefinitionName: string | null; count: number }[];
  /** The tasks, longest overdue first. */
  items: TaskItem[];
}

export async function overdueTasks(deps: TaskDeps, user: User, now: Date): Promise<OverdueTasks> {
  const tasks = await deps.engine.tasks({ dueBefore: camundaDate(now) });
  const viewed = await viewTasks(deps, user, tasks);
  const visible = [];
  for (const v of viewed) if (await mayView(deps, user, v)) visible.push(v.item);
  visible.sort((a, b) => (a.due ?? '').localeCompare(b.due ?? ''));
  const counts = new Map<string, number>();
  for (const t of visible) counts.set(t.processDefinitionKey, (counts.get(t.processDefinitionKey) ?? 0) + 1);
  const names = new Map<string, string | null>();
  for (const pi of await deps.engine.processInstancesById([...new Set(visible.map((t) => t.processInstanceId))]))
    if (!names.get(pi.processDefinitionKey)) names.set(pi.processDefinitionKey, pi.processDefinitionName ?? null);
  return {
    groups: [...counts].map(([processDefinitionKey, count]) => ({ processDefinitionKey, processDefinitionName: names.get(processDefinitionKey) ?? null, count })).sort((a, b) => b.count - a.count || a.processDefinitionKey.localeCompare(b.processDefinitionKey)),
    items: visible,
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
  const overdueRecords = [...new Set((await overdueTasks(deps, user, now)).items.flatMap((t) => (t.record?.entity === SERVICE.entity ? [t.record.id] : [])))];
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
