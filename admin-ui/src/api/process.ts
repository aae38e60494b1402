/** The process view's call (GET /api/process-instances/:id) and its shapes (runtime/tasks/process-view.ts). */
import { request } from './client.js';
import type { ProcessTask, RecordProcess } from './types.js';

export interface ProcessActivity {
  id: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  taskId: string | null;
  /** A user id: who held the user task (when it ended: who completed it, if they had claimed it). */
  assignee: string | null;
  startTime: string | null;
  endTime: string | null;
  canceled: boolean;
}

export interface ProcessIncident {
  id: string;
  activityId: string | null;
  type: string;
  message: string | null;
  timestamp: string;
}

export interface ProcessView extends Omit<RecordProcess, 'activities' | 'tasks'> {
  processDefinitionId: string;
  processDefinitionVersion: number | null;
  businessKey: string | null;
  record: { entity: string; id: string; display: string } | null;
  bpmnXml: string | null;
  activities: ProcessActivity[];
  activeActivityIds: string[];
  incidents: ProcessIncident[];
  tasks: ProcessTask[];
  /** Display names of the users named in activities and tasks, by id. */
  users: Record<string, string>;
}

export const processPath = (instanceId: string) => `/process/${encodeURIComponent(instanceId)}`;

export function processInstanceView(id: string, signal?: AbortSignal): Promise<ProcessView> {
  return request<ProcessView>('GET', `/api/process-instances/${encodeURIComponent(id)}`, { signal });
}

/** How a process is named to people: its BPMN name, else its definition key. */
export const processName = (p: { processDefinitionKey: string; processDefinitionName: string | null }): string => p.processDefinitionName || p.processDefinitionKey;
