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

/**
 * The assignee of the latest ended instance of `step` in process instance `instanceId` that was
 * completed (`canceled: false`) or cut off by a boundary event (`canceled: true`); null when none
 * was assigned.
 */
export async function lastAssignee(ctx: WorkerContext, entity: string, recordId: string, instanceId: string, step: string, canceled: boolean): Promise<string | null> {
  const { items } = await apiJson<{ items: { id: string; activities: Activity[] }[] }>(ctx, 'GET', `/records/${entity}/${encodeURIComponent(recordId)}/processes`);
  const ended = (items.find((p) => p.id === instanceId)?.activities ?? [])
    .filter((a) => a.activityId === step && a.endTime !== null && a.canceled === canceled)
    .sort((a, b) => String(a.endTime).localeCompare(String(b.endTime)));
  return ended.at(-1)?.assignee ?? null;
}
