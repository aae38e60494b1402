/**
 * Records → Camunda 7 REST DTOs, field for field and in Camunda's order (DeploymentDto,
 * DeploymentWithDefinitionsDto, ProcessDefinitionDto, DeploymentResourceDto).
 */
import type { DeployResult, DeploymentRecord, ProcessDefinitionRecord, ResourceRecord, TaskRecord } from '../persistence/index.js';
import { formatDate } from './dates.js';

export interface LinkDto {
  method: string;
  href: string;
  rel: string;
}

export function deploymentDto(d: DeploymentRecord, links: LinkDto[] = []) {
  return { links, id: d.id, name: d.name, source: d.source, deploymentTime: formatDate(d.deploymentTime), tenantId: d.tenantId };
}

export function processDefinitionDto(p: ProcessDefinitionRecord) {
  return {
    id: p.id,
    key: p.key,
    category: p.category,
    description: p.description,
    name: p.name,
    version: p.version,
    resource: p.resourceName,
    deploymentId: p.deploymentId,
    diagram: null,
    suspended: p.suspended,
    tenantId: p.tenantId,
    versionTag: p.versionTag,
    historyTimeToLive: p.historyTimeToLive,
    startableInTasklist: p.startableInTasklist,
  };
}

/**
 * deployment/create's answer. `deployedProcessDefinitions` is keyed by definition id, and null — as
 * in Camunda — when nothing was deployed (duplicate filtering returned an existing deployment, or the
 * deployment holds no executable process). This engine deploys no cases or decisions.
 */
export function deploymentWithDefinitionsDto(r: DeployResult, self: string) {
  const defs = r.deployedProcessDefinitions;
  return {
    ...deploymentDto(r.deployment, [{ method: 'GET', href: self, rel: 'self' }]),
    deployedProcessDefinitions: defs?.length ? Object.fromEntries(defs.map((p) => [p.id, processDefinitionDto(p)])) : null,
    deployedCaseDefinitions: null,
    deployedDecisionDefinitions: null,
    deployedDecisionRequirementsDefinitions: null,
  };
}

export const resourceDto = (r: ResourceRecord) => ({ id: r.id, name: r.name, deploymentId: r.deploymentId });

/** ProcessInstanceDto (and ProcessInstanceWithVariablesDto with `variables`). Only a start's answer links to `self`; queries answer `links: []`. */
export function processInstanceDto(
  p: { id: string; definitionId: string; definitionKey: string; businessKey: string | null; ended: boolean; suspended: boolean; tenantId: string | null },
  self?: string,
) {
  return {
    links: self === undefined ? [] : [{ method: 'GET', href: self, rel: 'self' }],
    id: p.id,
    definitionId: p.definitionId,
    definitionKey: p.definitionKey,
    businessKey: p.businessKey,
    caseInstanceId: null,
    ended: p.ended,
    suspended: p.suspended,
    tenantId: p.tenantId,
  };
}

const dateOrNull = (d: Date | string | null) => (d === null ? null : formatDate(d));

/** TaskDto (7.22): no subtasks, cases or Camunda Forms here; taskState `Updated` once the task was changed. */
export function taskDto(t: TaskRecord) {
  return {
    id: t.id,
    name: t.name,
    assignee: t.assignee,
    created: formatDate(t.createTime),
    due: dateOrNull(t.dueDate),
    followUp: dateOrNull(t.followUpDate),
    lastUpdated: dateOrNull(t.lastUpdated),
    delegationState: t.delegationState,
    description: t.description,
    executionId: t.executionId,
    owner: t.owner,
    parentTaskId: null,
    priority: t.priority,
    processDefinitionId: t.processDefinitionId,
    processInstanceId: t.processInstanceId,
    taskDefinitionKey: t.taskDefinitionKey,
    caseExecutionId: null,
    caseInstanceId: null,
    caseDefinitionId: null,
    suspended: t.suspended,
    formKey: t.formKey,
    camundaFormRef: null,
    tenantId: t.tenantId,
    taskState: t.lastUpdated === null ? 'Created' : 'Updated',
  };
}
