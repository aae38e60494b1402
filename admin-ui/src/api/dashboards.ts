/** The dashboards' calls (GET /api/dashboards/…, runtime/dashboards) and their shapes. */
import { request } from './client.js';
import type { Label } from './types.js';

export interface FunnelStage {
  value: string;
  label: Label | null;
  probability: number;
  count: number;
  amount: number;
  reached: number;
  conversion: number | null;
}

export interface Funnel {
  entity: string;
  field: string;
  stages: FunnelStage[];
  lost: Omit<FunnelStage, 'reached' | 'conversion'>[];
  total: { count: number; amount: number; weighted: number };
}

export interface ForecastNode {
  kind: 'company' | 'department' | 'person' | 'unowned';
  id: string | null;
  name: string;
  count: number;
  pipeline: number;
  weighted: number;
  won: number;
  ownerIds: (string | null)[];
  children: ForecastNode[];
}

export interface OverdueTaskItem {
  id: string;
  name: string | null;
  processDefinitionKey: string;
  processInstanceId: string;
  assignee: string | null;
  due: string | null;
  record: { entity: string; id: string; display: string } | null;
}

export interface OverdueTasks {
  groups: { processDefinitionKey: string; processDefinitionName: string | null; count: number }[];
  items: OverdueTaskItem[];
}

export interface ServiceRequestStates {
  entity: string;
  field: string;
  states: { value: string; label: Label | null; count: number; overdue: number; overdueIds: string[] }[];
  total: { count: number; overdue: number };
}

const get = <T>(path: string, signal?: AbortSignal, query?: Record<string, string>) => request<T>('GET', `/api/dashboards/${path}`, { signal, query });

export const salesFunnel = (scope: 'all' | 'mine', signal?: AbortSignal) => get<Funnel>('funnel', signal, scope === 'mine' ? { scope } : undefined);
export const forecastRollUp = (signal?: AbortSignal) => get<ForecastNode>('forecast', signal);
export const overdueTasks = (signal?: AbortSignal) => get<OverdueTasks>('overdue-tasks', signal);
export const serviceRequestStates = (signal?: AbortSignal) => get<ServiceRequestStates>('service-requests', signal);
