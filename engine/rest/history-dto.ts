/**
 * History rows → Camunda 7.22's history DTOs (HistoricProcessInstanceDto,
 * HistoricActivityInstanceDto, HistoricTaskInstanceDto, HistoricVariableInstanceDto,
 * HistoricVariableUpdateDto). Durations are computed; nothing here knows cases or removal times
 * (always null).
 */
import type { HistoricActivityRow, HistoricDetailRow, HistoricInstanceRow, HistoricTaskRow, HistoricVariableRow } from '../persistence/index.js';
import type { TypedValue } from '../values.js';
import { formatDate } from './dates.js';
import { toVariableDto } from './variables.js';

type When = Date | string | null;

const date = (d: When) => (d === null ? null : formatDate(d));
const duration = (start: When, end: When) => (start === null || end === null ? null : new Date(end).getTime() - new Date(start).getTime());

export const historicProcessInstanceDto = (h: HistoricInstanceRow) => ({
  id: h.id,
  businessKey: h.businessKey,
  processDefinitionId: h.processDefinitionId,
  processDefinitionKey: h.processDefinitionKey,
  processDefinitionName: h.processDefinitionName,
  processDefinitionVersion: h.processDefinitionVersion,
  startTime: date(h.startTime),
  endTime: date(h.endTime),
  removalTime: null,
  durationInMillis: duration(h.startTime, h.endTime),
  startUserId: null,
  startActivityId: h.startActivityId,
  deleteReason: h.deleteReason,
  rootProcessInstanceId: h.rootProcessInstanceId,
  superProcessInstanceId: h.superProcessInstanceId,
  superCaseInstanceId: null,
  caseInstanceId: null,
  tenantId: h.tenantId,
  state: h.state,
});

export const historicActivityInstanceDto = (a: HistoricActivityRow) => ({
  id: a.id,
  parentActivityInstanceId: a.parentActivityInstanceId,
  activityId: a.activityId,
  activityName: a.activityName,
  activityType: a.activityType,
  processDefinitionKey: a.processDefinitionKey,
  processDefinitionId: a.processDefinitionId,
  processInstanceId: a.processInstanceId,
  executionId: a.executionId,
  taskId: a.taskId,
  calledProcessInstanceId: a.calledProcessInstanceId,
  calledCaseInstanceId: null,
  assignee: a.assignee,
  startTime: date(a.startTime),
  endTime: date(a.endTime),
  durationInMillis: duration(a.startTime, a.endTime),
  canceled: a.canceled,
  completeScope: a.completeScope,
  tenantId: a.tenantId,
  removalTime: null,
  rootProcessInstanceId: a.rootProcessInstanceId,
});

/** Camunda 7.21+'s task lifecycle state, as history knows it. */
const taskState = (t: HistoricTaskRow) => (t.endTime === null ? 'Created' : t.deleteReason === 'completed' ? 'Completed' : 'Deleted');

export const historicTaskInstanceDto = (t: HistoricTaskRow) => ({
  id: t.id,
  processDefinitionKey: t.processDefinitionKey,
  processDefinitionId: t.processDefinitionId,
  processInstanceId: t.processInstanceId,
  executionId: t.executionId,
  caseDefinitionKey: null,
  caseDefinitionId: null,
  caseInstanceId: null,
  caseExecutionId: null,
  activityInstanceId: t.activityInstanceId,
  name: t.name,
  description: t.description,
  deleteReason: t.deleteReason,
  owner: t.owner,
  assignee: t.assignee,
  startTime: date(t.startTime),
  endTime: date(t.endTime),
  duration: duration(t.startTime, t.endTime),
  taskDefinitionKey: t.taskDefinitionKey,
  priority: t.priority,
  due: date(t.due),
  parentTaskId: null,
  followUp: date(t.followUp),
  tenantId: t.tenantId,
  removalTime: null,
  rootProcessInstanceId: t.rootProcessInstanceId,
  taskState: taskState(t),
});

const typedValue = (row: { type: string; value: unknown; valueInfo: Record<string, unknown> | null }): TypedValue =>
  ({ type: row.type, value: row.value, ...(row.valueInfo ? { valueInfo: row.valueInfo } : {}) }) as TypedValue;

export function historicVariableInstanceDto(v: HistoricVariableRow, opts: { deserializeValues?: boolean }) {
  return {
    ...toVariableDto(typedValue(v), opts),
    id: v.id,
    name: v.name,
    processDefinitionKey: v.processDefinitionKey,
    processDefinitionId: v.processDefinitionId,
    processInstanceId: v.processInstanceId,
    executionId: v.executionId,
    activityInstanceId: v.activityInstanceId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: v.taskId,
    errorMessage: null,
    tenantId: v.tenantId,
    state: v.state,
    createTime: date(v.createTime),
    removalTime: null,
    rootProcessInstanceId: v.rootProcessInstanceId,
  };
}

export function historicVariableUpdateDto(d: HistoricDetailRow, opts: { deserializeValues?: boolean }) {
  const { type, value, valueInfo } = toVariableDto(typedValue(d), opts);
  return {
    type: 'variableUpdate',
    id: d.id,
    processDefinitionKey: d.processDefinitionKey,
    processDefinitionId: d.processDefinitionId,
    processInstanceId: d.processInstanceId,
    activityInstanceId: d.activityInstanceId,
    executionId: d.executionId,
    caseDefinitionKey: null,
    caseDefinitionId: null,
    caseInstanceId: null,
    caseExecutionId: null,
    taskId: d.taskId,
    tenantId: d.tenantId,
    userOperationId: null,
    time: date(d.time),
    removalTime: null,
    rootProcessInstanceId: d.rootProcessInstanceId,
    variableName: d.name,
    variableInstanceId: d.variableInstanceId,
    variableType: type,
    value,
    valueInfo,
    initial: d.initial,
    revision: d.revision,
    errorMessage: null,
  };
}
