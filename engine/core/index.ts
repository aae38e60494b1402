/** The pure execution core: `execute(graph, state, command, ctx)` → `{ state, effects }`. */
export { execute, type ExecuteResult } from './execute.js';
export type { BpmnErrorCommand, CalledCompletedCommand, Command, ContinueCommand, EventCommand, StartCommand, TriggerCommand } from './commands.js';
export type { CoreContext, EvaluationInfo, VariableLookup } from './context.js';
export type { ActivityRef, Effect, TimerSpec } from './effects.js';
export { CoreError, type CoreErrorCode } from './errors.js';
export type { ExecutionState, InstanceState, InstanceStatus, MultiInstanceState, WaitKind } from './state.js';
