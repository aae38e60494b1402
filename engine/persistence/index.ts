/**
 * The engine's persistence (schema `engine`): migrations and the repository — deployments,
 * resources, process definitions. Functions take an EngineDb (commands, which open their own
 * transaction) or an EngineQueryable (reads, which run inside whatever transaction they are given).
 */
export { migrateEngine } from './migrations.js';
export { deploy, deleteDeployment, historyDays, type DeployRequest, type DeployResult } from './deployments.js';
export { countDeployments, getDeployment, getResource, listDeployments, listResources, DEPLOYMENT_SORT, type DeploymentFilter, type DeploymentSortBy } from './deployment-queries.js';
export {
  countDefinitions,
  getDefinition,
  getDefinitionGraph,
  getDefinitionXml,
  getLatestDefinition,
  listDefinitions,
  DEFINITION_SORT,
  type DefinitionFilter,
  type DefinitionSortBy,
} from './definition-queries.js';
export { DEFINITION_DEPENDENTS, type DefinitionDependent } from './dependents.js';
export type { DeploymentRecord, ProcessDefinitionRecord, ResourceRecord } from './records.js';
export type { ResourceInput } from './resources.js';
export { countTasks, getTask, listTasks, taskListSql, TASK_SORT, type TaskFilter, type TaskQuery, type TaskRecord, type TaskSortBy } from './task-queries.js';
