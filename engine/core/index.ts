/** The pure execution core: `execute(graph, state, command, ctx)` → `{ state, effects }`. */
export { execute, type ExecuteResult } from './execute.js';
export type { Command, StartCommand, TriggerCommand } from './commands.js';
export type { CoreContext, VariableLookup } from './context.js';
export type { ActivityRef, Effect } from './effects.js';
export { CoreError, type CoreErrorCode } from './errors.js';
export type { ExecutionState, InstanceState, InstanceStatus, WaitKind } from './state.js';
