/**
 * The repository's records as the rest of the engine sees them (camelCase, typed), and the SQL
 * select lists that produce them.
 */

export interface DeploymentRecord {
  id: string;
  name: string | null;
  source: string | null;
  tenantId: string | null;
  /** A Date or timestamp text, depending on the driver behind EngineDb. */
  deploymentTime: Date | string;
}

export interface ResourceRecord {
  id: string;
  name: string;
  deploymentId: string;
}

export interface ProcessDefinitionRecord {
  id: string;
  key: string;
  version: number;
  name: string | null;
  category: string | null;
  description: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
  deploymentId: string;
  resourceName: string;
  tenantId: string | null;
  suspended: boolean;
  startableInTasklist: boolean;
}

export const DEPLOYMENT_COLUMNS = `d.id, d.name, d.source, d.tenant_id as "tenantId", d.deployment_time as "deploymentTime"`;

export const RESOURCE_COLUMNS = `r.id, r.name, r.deployment_id as "deploymentId"`;

export const DEFINITION_COLUMNS = `pd.id, pd.key, pd.version, pd.name, pd.category, pd.description, pd.version_tag as "versionTag",
  pd.history_ttl as "historyTimeToLive", pd.deployment_id as "deploymentId", pd.resource_name as "resourceName",
  pd.tenant_id as "tenantId", pd.suspended, pd.startable as "startableInTasklist"`;
