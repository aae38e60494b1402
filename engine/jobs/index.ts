/**
 * engine/jobs — timers and asynchronous continuations: the job executor (executor.ts), running one
 * job (run.ts), failures, retries and incidents (failures.ts), timer start events (timer-start.ts),
 * and what the /job REST resource reads and changes (queries.ts, manage.ts).
 */
export { startJobExecutor, JOB_EXECUTOR_DEFAULTS, type JobExecutor, type JobExecutorOptions } from './executor.js';
export { executeJob, executeNextJob, type JobOutcome, type RunOptions } from './run.js';
export { setJobRetries, type JobFailure } from './failures.js';
export { getJobStacktrace, setJobDueDate, setJobPriority, setJobSuspended } from './manage.js';
export { countJobs, getJob, listJobs, JOB_SORT, type DateCondition, type JobFilter, type JobPage, type JobSortBy } from './queries.js';
export type { JobRecord, JobType } from './records.js';
export { restorePreviousTimerStarts, scheduleTimerStarts, type DeployedDefinition } from './timer-start.js';
