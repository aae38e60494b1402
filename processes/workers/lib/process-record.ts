/**
 * The record a process instance belongs to: its business key is the record id, and its entity is
 * that of the trigger starting the process (GET /api/metadata/processes/:key). Null when the
 * instance has no business key or no trigger starts the process.
 */
import type { Task, WorkerContext } from '../types.js';

/**
 * The id of the record the task's process runs for (its business key). A process started without
 * one fails the task (the handler's error becomes a failure with retries, then an incident).
 */
export function recordIdOf(task: Task): string {
  if (!task.businessKey) throw new Error(`${String(task.topicName)}: the process has no business key (the id of its record)`);
  return String(task.businessKey);
}

export async function processRecord(ctx: WorkerContext, task: Task): Promise<{ entity: string; id: string } | null> {
  if (!task.businessKey || !task.processDefinitionKey) return null;
  const path = `/metadata/processes/${encodeURIComponent(String(task.processDefinitionKey))}`;
  const res = await ctx.api(path);
  if (res.status === 404) return null;
  if (!res.ok) throw new Error(`GET /api${path}: ${res.status} ${await res.text()}`);
  const { entity } = (await res.json()) as { entity: string };
  return { entity, id: String(task.businessKey) };
}
