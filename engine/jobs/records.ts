/**
 * A job as the executor and the REST API read it (engine.job, written by shell/apply.ts for timers
 * and async continuations, by timer-start.ts for timer start events).
 */

/** `timer`: catch/boundary/event-subprocess timer → core `event`; `async`: asyncBefore/After → core
 * `continue` (Camunda's "message" jobs); `timer-start`: a timer start event → a new instance. */
export type JobType = 'timer' | 'async' | 'timer-start';

export interface JobRecord {
  id: string;
  type: JobType;
  processInstanceId: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  /** The subscription's execution; null for process-level timers and timer-start jobs. */
  executionId: string | null;
  /** The node the job acts on: the catching timer node, the async activity, the start event. */
  nodeId: string;
  activityId: string;
  dueDate: Date | string | null;
  /** Cycles: what is left to repeat after this firing (`R2/PT1M`). */
  repeat: string | null;
  /** Milliseconds the due date was moved without cascading to later cycles. */
  repeatOffset: number;
  retries: number;
  exceptionMessage: string | null;
  failedActivityId: string | null;
  suspended: boolean;
  priority: number;
  tenantId: string | null;
  createTime: Date | string;
}

export const JOB_COLUMNS = `j.id, j.type, j.process_instance_id as "processInstanceId", j.process_definition_id as "processDefinitionId",
  j.process_definition_key as "processDefinitionKey", j.execution_id as "executionId", j.node_id as "nodeId", j.activity_id as "activityId",
  j.due_date as "dueDate", j.repeat, j.repeat_offset::float8 as "repeatOffset", j.retries, j.exception_message as "exceptionMessage",
  j.failed_activity_id as "failedActivityId", j.suspended, j.priority::float8 as priority, pd.tenant_id as "tenantId", j.create_time as "createTime"`;

/** Jobs with their definition (the tenant lives there). Lock with `for update of j`. */
export const JOB_FROM = 'engine.job j left join engine.process_definition pd on pd.id = j.process_definition_id';

export const toDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));
