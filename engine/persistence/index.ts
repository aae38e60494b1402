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
export { countTasks, getTask, listTasks, TASK_SORT, type TaskFilter, type TaskQuery, type TaskRecord, type TaskSortBy } from './task-queries.js';
export {
  countExternalTasks,
  externalTaskTopicNames,
  getExternalTask,
  listExternalTasks,
  EXTERNAL_TASK_COLUMNS,
  EXTERNAL_TASK_FROM,
  EXTERNAL_TASK_SORT,
  FETCHABLE,
  type ExternalTaskFilter,
  type ExternalTaskRecord,
  type ExternalTaskSortBy,
} from './external-task-queries.js';
export { countIncidents, getIncident, listIncidents, INCIDENT_SORT, type IncidentFilter, type IncidentRecord, type IncidentSortBy } from './incident-queries.js';
export { listQueries, type ListQueries } from './listing.js';
export { filterValueOf, filterValueOfJson, VARIABLE_OPERATORS, type FilterValue, type VariableFilter, type VariableOperator } from './variable-filters.js';
export { INSTANCE_SORT, instanceQueries, type InstanceFilter, type InstanceRecord, type InstanceSortBy } from './instance-queries.js';
export {
  deleteHistoricInstance,
  HISTORIC_INSTANCE_SORT,
  historicInstanceQueries,
  type HistoricInstanceFilter,
  type HistoricInstanceRow,
  type HistoricInstanceSortBy,
} from './history-process-queries.js';
export { HISTORIC_ACTIVITY_SORT, historicActivityQueries, type HistoricActivityFilter, type HistoricActivityRow, type HistoricActivitySortBy } from './history-activity-queries.js';
export { HISTORIC_TASK_SORT, historicTaskQueries, type HistoricTaskFilter, type HistoricTaskRow, type HistoricTaskSortBy } from './history-task-queries.js';
export {
  HISTORIC_DETAIL_SORT,
  HISTORIC_VARIABLE_SORT,
  historicDetailQueries,
  historicVariableQueries,
  type HistoricDetailFilter,
  type HistoricDetailRow,
  type HistoricDetailSortBy,
  type HistoricVariableFilter,
  type HistoricVariableRow,
  type HistoricVariableSortBy,
} from './history-variable-queries.js';
export { activityStatistics, definitionStatistics, type StatisticsOptions, type StatisticsRow } from './statistics-queries.js';
