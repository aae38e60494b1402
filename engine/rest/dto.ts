/**
 * Records → Camunda 7 REST DTOs, field for field and in Camunda's order (DeploymentDto,
 * DeploymentWithDefinitionsDto, ProcessDefinitionDto, DeploymentResourceDto).
 */
import type { DeployResult, DeploymentRecord, ProcessDefinitionRecord, ResourceRecord } from '../persistence/index.js';
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

/** ProcessInstanceDto (and ProcessInstanceWithVariablesDto with `variables`). */
export function processInstanceDto(
  p: { id: string; definitionId: string; definitionKey: string; businessKey: string | null; ended: boolean; suspended: boolean; tenantId: string | null },
  self: string,
) {
  return {
    links: [{ method: 'GET', href: self, rel: 'self' }],
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
