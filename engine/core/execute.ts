/**
 * The execution core's one entry point: definition graph + state + command → new state + effects.
 * Pure: the input state is never mutated (the run works on a copy), ids and expression evaluation
 * come from `ctx`, and a command that throws leaves nothing behind.
 */
import type { ProcessGraph } from '../model/graph.js';
import type { Command } from './commands.js';
import type { CoreContext } from './context.js';
import type { Effect } from './effects.js';
import { CoreError } from './errors.js';
import { handle, start } from './handlers/index.js';
import { Run } from './run.js';
import type { InstanceState } from './state.js';

export interface ExecuteResult {
  state: InstanceState;
  effects: Effect[];
}

export function execute(graph: ProcessGraph, state: InstanceState | null, command: Command, ctx: CoreContext): ExecuteResult {
  let run: Run;
  if (command.type === 'start') {
    if (state !== null) throw new CoreError('invalid-command', 'A start command creates a new instance: pass no state.');
    run = new Run(graph, newInstance(command.definitionId, command.businessKey ?? null, command.variables, ctx), ctx);
    start(run, command);
  } else {
    if (state === null) throw new CoreError('invalid-command', `A ${command.type} command needs the instance's state.`);
    if (state.status !== 'active') throw new CoreError('not-active', `The process instance '${state.id}' has ended.`);
    run = new Run(graph, structuredClone(state), ctx);
    handle(run, command);
  }
  run.drain();
  return { state: run.state, effects: run.effects };
}

function newInstance(definitionId: string, businessKey: string | null, variables: Record<string, unknown> | undefined, ctx: CoreContext): InstanceState {
  return { id: ctx.newId(), definitionId, businessKey, status: 'active', executions: {}, variables: structuredClone(variables ?? {}) };
}
