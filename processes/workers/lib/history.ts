/**
 * Who held a step before: a record's process history (GET /api/records/:entity/:id/processes) names
 * each user task's assignee — the person who claimed it. Returning work to its previous owner and
 * escalating to an owner's manager both read it here.
 */
import type { WorkerContext } from '../types.js';
import { apiJson } from './api.js';

interface Activity {
  activityId: string;
  assignee: string | null;
  startTime: string | null;
  endTime: string | null;
  canceled: boolean;
}

/** What ran in process instance `instanceId` of the record, oldest first (the Task API lists a record's instances as `{items}`). */
async function activitiesOf(ctx: WorkerContext, entity: string, recordId: string, instanceId: string): Promise<Activity[]> {
  const answer = await apiJson<{ items: { id: string; activities: Activity[] }[] } | { id: string; activities: Activity[] }[]>(ctx, 'GET', `/records/${entity}/${encodeURIComponent(recordId)}/processes`);
  const processes = Array.isArray(answer) ? answer : answer.items;
  return processes.find((p) => p.id === instanceId)?.activities ?? [];
}

/**
 * The assignee of the latest ended instance of `step` in process instance `instanceId` that was
 * completed (`canceled: false`) or cut off by a boundary event (`canceled: true`); null when none
 * was assigned.
 */
export async function lastAssignee(ctx: WorkerContext, entity: string, recordId: string, instanceId: string, step: string, canceled: boolean): Promise<string | null> {
  const ended = (await activitiesOf(ctx, entity, recordId, instanceId))
    .filter((a) => a.activityId === step && a.endTime !== null && a.canceled === canceled)
    .sort((a, b) => String(a.endTime).localeCompare(String(b.endTime)));
  return ended.at(-1)?.assignee ?? null;
}

/** Who holds `step` of process instance `instanceId` now: the assignee of its open activity, null when unclaimed or not open. */
export async function currentAssignee(ctx: WorkerContext, entity: string, recordId: string, instanceId: string, step: string): Promise<string | null> {
  const open = (await activitiesOf(ctx, entity, recordId, instanceId)).filter((a) => a.activityId === step && a.endTime === null);
  return open.at(-1)?.assignee ?? null;
}
