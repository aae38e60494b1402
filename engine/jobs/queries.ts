/** Reading jobs (Camunda's JobQuery): filters, sorting and paging over engine.job. */
import type { EngineQueryable } from '../db.js';
import { orderAndPage, Where, type Page } from '../persistence/query.js';
import { JOB_COLUMNS, JOB_FROM, type JobRecord } from './records.js';

export const JOB_SORT = {
  jobId: 'j.id',
  executionId: 'coalesce(j.execution_id, j.process_instance_id)',
  processInstanceId: 'j.process_instance_id',
  processDefinitionId: 'j.process_definition_id',
  processDefinitionKey: 'j.process_definition_key',
  jobPriority: 'j.priority',
  jobRetries: 'j.retries',
  jobDueDate: 'j.due_date',
  tenantId: 'pd.tenant_id',
} as const;
export type JobSortBy = keyof typeof JOB_SORT;

/** `dueDates` / `createTimes`: lower (`lt`) or higher (`gt`) than a date. */
export interface DateCondition {
  operator: 'lt' | 'gt';
  value: Date;
}

export interface JobFilter {
  jobId?: string;
  jobIds?: string[];
  jobDefinitionId?: string;
  processInstanceId?: string;
  processInstanceIds?: string[];
  executionId?: string;
  processDefinitionId?: string;
  processDefinitionKey?: string;
  activityId?: string;
  failedActivityId?: string;
  withRetriesLeft?: boolean;
  noRetriesLeft?: boolean;
  /** retries > 0 and due (no due date, or one not after now). */
  executable?: boolean;
  /** Timer and timer-start jobs. */
  timers?: boolean;
  /** Camunda's "message" jobs: asynchronous continuations. */
  messages?: boolean;
  withException?: boolean;
  exceptionMessage?: string;
  dueDates?: DateCondition[];
  createTimes?: DateCondition[];
  active?: boolean;
  suspended?: boolean;
  priorityHigherThanOrEquals?: number;
  priorityLowerThanOrEquals?: number;
  tenantIdIn?: string[];
  withoutTenantId?: boolean;
  includeJobsWithoutTenantId?: boolean;
  acquired?: boolean;
}

/** Sorting (`sortBy`/`sortOrder`, or several keys in `sorting`) and paging. */
export type JobPage = Page<JobSortBy>;

function dates(w: Where, column: string, conditions: DateCondition[] | undefined): void {
  for (const c of conditions ?? []) w.add(`${column} ${c.operator === 'lt' ? '<' : '>'} ${w.param(c.value)}`);
}

function where(f: JobFilter, now: Date): Where {
  const w = new Where()
    .eq('j.id', f.jobId)
    .in('j.id', f.jobIds?.length ? f.jobIds : undefined)
    .eq('j.process_instance_id', f.processInstanceId)
    .in('j.process_instance_id', f.processInstanceIds?.length ? f.processInstanceIds : undefined)
    .eq('coalesce(j.execution_id, j.process_instance_id)', f.executionId)
    .eq('j.process_definition_id', f.processDefinitionId)
    .eq('j.process_definition_key', f.processDefinitionKey)
    .eq('j.activity_id', f.activityId)
    .eq('j.failed_activity_id', f.failedActivityId)
    .eq('j.exception_message', f.exceptionMessage);
  if (f.jobDefinitionId !== undefined) w.add('false'); // this engine keeps no job definitions
  if (f.priorityHigherThanOrEquals !== undefined) w.add(`j.priority >= ${w.param(f.priorityHigherThanOrEquals)}`);
  if (f.priorityLowerThanOrEquals !== undefined) w.add(`j.priority <= ${w.param(f.priorityLowerThanOrEquals)}`);
  if (f.executable) w.add(`j.retries > 0 and (j.due_date is null or j.due_date <= ${w.param(now)})`);
  if (f.tenantIdIn?.length) {
    const orNone = f.includeJobsWithoutTenantId ? ' or pd.tenant_id is null' : '';
    w.add(`(pd.tenant_id = any(${w.param(f.tenantIdIn)}::text[])${orNone})`);
  }
  dates(w, 'j.due_date', f.dueDates);
  dates(w, 'j.create_time', f.createTimes);
  return w
    .when(f.withRetriesLeft, 'j.retries > 0')
    .when(f.noRetriesLeft, 'j.retries = 0')
    .when(f.timers, `j.type in ('timer', 'timer-start')`)
    .when(f.messages, `j.type = 'async'`)
    .when(f.withException, 'j.exception_message is not null')
    .when(f.active, 'not j.suspended')
    .when(f.suspended, 'j.suspended')
    .when(f.withoutTenantId, 'pd.tenant_id is null')
    .when(f.acquired, 'j.lock_expiration_time is not null');
}

export async function listJobs(q: EngineQueryable, f: JobFilter, page: JobPage, now: Date): Promise<JobRecord[]> {
  const w = where(f, now);
  return q.query<JobRecord>(`select ${JOB_COLUMNS} from ${JOB_FROM} ${w.toSql()} ${orderAndPage(w, page, JOB_SORT, 'j.id')}`, w.params);
}

export async function countJobs(q: EngineQueryable, f: JobFilter, now: Date): Promise<number> {
  const w = where(f, now);
  const [row] = await q.query<{ count: number }>(`select count(*)::int as count from ${JOB_FROM} ${w.toSql()}`, w.params);
  return row.count;
}

export async function getJob(q: EngineQueryable, id: string): Promise<JobRecord | null> {
  const [row] = await q.query<JobRecord>(`select ${JOB_COLUMNS} from ${JOB_FROM} where j.id = $1`, [id]);
  return row ?? null;
}
