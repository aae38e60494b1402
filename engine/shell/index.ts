/**
 * The persistence shell around the pure core (see commands.ts): every REST call or job that changes
 * an instance goes through `inTransaction` + `startInstance` / `commandInstance` / `deleteInstance`.
 */
export { asEngineError, commandInstance, deleteInstance, startInstance, type CommandOptions, type StartOptions } from './commands.js';
export { loadDefinition, type Definition } from './definitions.js';
export type { ShellEnv } from './env.js';
export { INSTANCE_COLUMNS, loadInstance, OptimisticLockingError, type InstanceRow } from './instances.js';
export { createSignals, EXTERNAL_TASK_CHANNEL, JOB_CHANNEL, USER_TASK_CHANNEL, type Signals } from './signals.js';
export { anchorCycle, cycleDateAfter, scheduleTimer } from './timers.js';
export { inStatement, inTransaction, retryable, type Tx } from './tx.js';
export { insertRows, type Columns } from './rows.js';
export { changeInstanceVariables, visibleVariables, type VariableChange } from './variables.js';
export {
  changeIdentityLink,
  changeTask,
  changeTaskVariables,
  claimTask,
  completeTask,
  delegateTask,
  identityLinks,
  lockTask,
  lockTaskWithInstance,
  resolveTask,
  setAssignee,
  type IdentityLink,
  type TaskChange,
} from './tasks.js';
export { setInstancesSuspended, type InstanceSelector } from './suspension.js';
export { correlateMessage, type CorrelationRequest, type CorrelationResult } from './messages.js';
