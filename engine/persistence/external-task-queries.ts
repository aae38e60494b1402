/**
 * Reading external tasks (Camunda's ExternalTaskQuery): list, count, by id, topic names. "Locked"
 * means a lock that has not expired yet; "retries left" means retries unset or above zero, as in
 * Camunda. Fetching and locking is a command (engine/shell/external-task-fetch.ts); its selection
 * (`FETCHABLE`) lives here beside the query's.
 */
import type { EngineQueryable } from '../db.js';
import { listQueries } from './listing.js';
import { Where } from './query.js';

export const EXTERNAL_TASK_SORT = {
  id: 'et.id',
  lockExpirationTime: 'et.lock_expiration_time',
  processInstanceId: 'et.process_instance_id',
  processDefinitionId: 'et.process_definition_id',
  processDefinitionKey: 'et.process_definition_key',
  tenantId: 'et.tenant_id',
  taskPriority: 'et.priority',
  createTime: 'et.create_time',
} as const;
export type ExternalTaskSortBy = keyof typeof EXTERNAL_TASK_SORT;

export interface ExternalTaskFilter {
  externalTaskId?: string;
  externalTaskIdIn?: string[];
  topicName?: string;
  workerId?: string;
  locked?: boolean;
  notLocked?: boolean;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  lockExpirationAfter?: Date;
  lockExpirationBefore?: Date;
  activityId?: string;
  activityIdIn?: string[];
  executionId?: string;
  processInstanceId?: string;
  processInstanceIdIn?: string[];
  processDefinitionId?: string;
  active?: boolean;
  suspended?: boolean;
  priorityHigherThanOrEquals?: number;
  priorityLowerThanOrEquals?: number;
  tenantIdIn?: string[];
}

export interface ExternalTaskRecord {
  id: string;
  topicName: string;
  workerId: string | null;
  lockExpirationTime: Date | string | null;
  createTime: Date | string;
  retries: number | null;
  errorMessage: string | null;
  errorDetails: string | null;
  suspended: boolean;
  processInstanceId: string;
  executionId: string;
  activityId: string;
  activityInstanceId: string;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionVersionTag: string | null;
  tenantId: string | null;
  priority: number;
  businessKey: string | null;
}

/** The select list of an ExternalTaskRecord over `et` (external_task), `pd` (its definition) and `pi` (its instance). */
export const EXTERNAL_TASK_COLUMNS = `et.id, et.topic_name as "topicName", et.worker_id as "workerId", et.lock_expiration_time as "lockExpirationTime",
  et.create_time as "createTime", et.retries, et.error_message as "errorMessage", et.error_details as "errorDetails", et.suspended,
  et.process_instance_id as "processInstanceId", et.execution_id as "executionId", et.activity_id as "activityId",
  et.activity_instance_id as "activityInstanceId", et.process_definition_id as "processDefinitionId",
  et.process_definition_key as "processDefinitionKey", pd.version_tag as "processDefinitionVersionTag", et.tenant_id as "tenantId",
  et.priority::float8 as priority, coalesce(pi.business_key, et.business_key) as "businessKey"`;

export const EXTERNAL_TASK_FROM = `engine.external_task et
  join engine.process_definition pd on pd.id = et.process_definition_id
  left join engine.process_instance pi on pi.id = et.process_instance_id`;

/** Locks are set and compared at the database's clock (one clock for every engine process). */
const LOCKED = '(et.lock_expiration_time is not null and et.lock_expiration_time > now())';
const NOT_LOCKED = '(et.lock_expiration_time is null or et.lock_expiration_time <= now())';

/** What fetchAndLock may take: not locked, retries left, not suspended (Camunda's selectExternalTasksForTopics). */
export const FETCHABLE = `${NOT_LOCKED} and not et.suspended and (et.retries is null or et.retries > 0)`;

function where(f: ExternalTaskFilter): Where {
  const w = new Where()
    .eq('et.id', f.externalTaskId)
    .in('et.id', f.externalTaskIdIn)
    .eq('et.topic_name', f.topicName)
    .eq('et.worker_id', f.workerId)
    .when(f.locked, LOCKED)
    .when(f.notLocked, NOT_LOCKED)
    .when(f.withRetriesLeft, '(et.retries is null or et.retries > 0)')
    .when(f.noRetriesLeft, 'et.retries = 0')
    .eq('et.activity_id', f.activityId)
    .in('et.activity_id', f.activityIdIn)
    .eq('et.execution_id', f.executionId)
    .eq('et.process_instance_id', f.processInstanceId)
    .in('et.process_instance_id', f.processInstanceIdIn)
    .eq('et.process_definition_id', f.processDefinitionId)
    .when(f.active, 'not et.suspended')
    .when(f.suspended, 'et.suspended')
    .in('et.tenant_id', f.tenantIdIn);
  // Camunda compares lock expiration strictly here (unlike the inclusive …Before/…After of other queries).
  if (f.lockExpirationAfter) w.add(`et.lock_expiration_time > ${w.param(f.lockExpirationAfter.toISOString())}::timestamptz`);
  if (f.lockExpirationBefore) w.add(`et.lock_expiration_time < ${w.param(f.lockExpirationBefore.toISOString())}::timestamptz`);
  if (f.priorityHigherThanOrEquals !== undefined) w.add(`et.priority >= ${w.param(f.priorityHigherThanOrEquals)}`);
  if (f.priorityLowerThanOrEquals !== undefined) w.add(`et.priority <= ${w.param(f.priorityLowerThanOrEquals)}`);
  return w;
}

const queries = listQueries<ExternalTaskFilter, ExternalTaskSortBy, ExternalTaskRecord>({
  from: EXTERNAL_TASK_FROM,
  columns: EXTERNAL_TASK_COLUMNS,
  sort: EXTERNAL_TASK_SORT,
  idColumn: 'et.id',
  where,
});

export const listExternalTasks = queries.list;
export const countExternalTasks = queries.count;
export const getExternalTask = queries.byId;

/** Camunda's getTopicNames: the distinct topics of the tasks the flags select (both lock flags: none). */
export async function externalTaskTopicNames(q: EngineQueryable, f: { withLockedTasks?: boolean; withUnlockedTasks?: boolean; withRetriesLeft?: boolean }): Promise<string[]> {
  const w = where({ locked: f.withLockedTasks, notLocked: f.withUnlockedTasks, withRetriesLeft: f.withRetriesLeft });
  const rows = await q.query<{ topic: string }>(`select distinct et.topic_name as topic from ${EXTERNAL_TASK_FROM} ${w.toSql()} order by 1`, w.params);
  return rows.map((r) => r.topic);
}
