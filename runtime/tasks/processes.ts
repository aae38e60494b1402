/**
 * A record's processes (GET /api/records/:entity/:id/processes): every instance run for it
 * (business key = record id), running or ended, with what ran in it and its open tasks — for
 * whoever may read the record (404 otherwise, as for the record itself).
 */
import { assertCan, modelFor } from '../access/index.js';
import type { User } from '../auth/service.js';
import { getRecord } from '../records/read.js';
import { viewTasks, type TaskDeps, type TaskItem } from './view.js';

export interface RecordProcess {
  id: string;
  processDefinitionKey: string;
  processDefinitionId: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number | null;
  businessKey: string | null;
  /** Camunda's historic state: ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED, INTERNALLY_TERMINATED. */
  state: string;
  startTime: string | null;
  endTime: string | null;
  activities: {
    id: string;
    activityId: string;
    activityName: string | null;
    activityType: string;
    taskId: string | null;
    assignee: string | null;
    startTime: string | null;
    endTime: string | null;
    canceled: boolean;
  }[];
  tasks: TaskItem[];
}

type EngineInstance = Awaited<ReturnType<TaskDeps['engine']['processInstancesById']>>[number];
type EngineActivity = Awaited<ReturnType<TaskDeps['engine']['activityHistory']>>[number];

/** An engine instance as the API answers it (without its activities and tasks). */
export function instanceSummary(pi: EngineInstance): Omit<RecordProcess, 'activities' | 'tasks'> {
  return {
    id: pi.id,
    processDefinitionKey: pi.processDefinitionKey,
    processDefinitionId: pi.processDefinitionId,
    processDefinitionName: pi.processDefinitionName ?? null,
    processDefinitionVersion: pi.processDefinitionVersion ?? null,
    businessKey: pi.businessKey ?? null,
    state: pi.state,
    startTime: pi.startTime,
    endTime: pi.endTime,
  };
}

/** A historic activity instance as the API answers it. */
export const activityOf = (a: EngineActivity): RecordProcess['activities'][number] => ({
  id: a.id,
  activityId: a.activityId,
  activityName: a.activityName ?? null,
  activityType: a.activityType,
  taskId: a.taskId ?? null,
  assignee: a.assignee ?? null,
  startTime: a.startTime,
  endTime: a.endTime,
  canceled: a.canceled === true,
});

export async function recordProcesses(deps: TaskDeps, user: User, entityName: string, id: string): Promise<RecordProcess[]> {
  const model = modelFor(user, deps.model());
  assertCan(user, model, entityName, 'read');
  await getRecord({ q: deps.db, user, model }, model.entities[entityName], id, { fields: ['id'], includeDeleted: true });
  const instances = await deps.engine.processInstances(id);
  return Promise.all(
    instances.map(async (pi) => {
      const [history, tasks] = await Promise.all([deps.engine.activityHistory(pi.id), deps.engine.tasks({ processInstanceId: pi.id })]);
      return {
        ...instanceSummary(pi),
        activities: history.map(activityOf),
        tasks: (await viewTasks(deps, user, tasks)).map((v) => v.item),
      };
    }),
  );
}
