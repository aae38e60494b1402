/**
 * The execution core's one entry point: definition graph + state + command → new state + effects.
 * Pure: the input state is never mutated (the run works on a copy), ids and condition evaluation
 * come from `ctx`, and a command that throws leaves nothing behind.
 */
import type { ProcessGraph } from '../model/graph.js';
import type { Command, StartCommand, TriggerCommand } from './commands.js';
import type { CoreContext } from './context.js';
import type { Effect } from './effects.js';
import { CoreError } from './errors.js';
import { Run } from './run.js';
import type { InstanceState } from './state.js';

export interface ExecuteResult {
  state: InstanceState;
  effects: Effect[];
}

const TRIGGERABLE = new Set(['userTask', 'externalTask', 'receiveTask']);

export function execute(graph: ProcessGraph, state: InstanceState | null, command: Command, ctx: CoreContext): ExecuteResult {
  if (command.type === 'start') {
    if (state !== null) throw new CoreError('invalid-command', 'A start command creates a new instance: pass no state.');
    return start(graph, command, ctx);
  }
  if (state === null) throw new CoreError('invalid-command', `A ${command.type} command needs the instance's state.`);
  if (command.type !== 'trigger') throw new CoreError('unsupported', `The execution core does not run ${command.type} commands yet.`);
  return trigger(graph, state, command, ctx);
}

function start(graph: ProcessGraph, command: StartCommand, ctx: CoreContext): ExecuteResult {
  const startEvent = startEventOf(graph, command.startEventId);
  const state: InstanceState = {
    id: ctx.newId(),
    definitionId: command.definitionId,
    businessKey: command.businessKey ?? null,
    status: 'active',
    executions: {},
    variables: structuredClone(command.variables ?? {}),
  };
  const run = new Run(graph, state, ctx);
  run.scheduleEnter(run.newToken(null, startEvent), startEvent);
  run.drain();
  return { state: run.state, effects: run.effects };
}

function startEventOf(graph: ProcessGraph, id: string | undefined): string {
  const isProcessStart = (n: { type: string; parent: string | null }) => n.type === 'startEvent' && n.parent === null;
  if (id !== undefined) {
    const node = graph.nodes[id];
    if (!node || !isProcessStart(node)) throw new CoreError('no-start-event', `The process '${graph.key}' has no start event with id '${id}'.`);
    return id;
  }
  const none = Object.values(graph.nodes).find((n) => isProcessStart(n) && (n.event?.kind ?? 'none') === 'none');
  if (!none) throw new CoreError('no-start-event', `The process '${graph.key}' has no none start event.`);
  return none.id;
}

function trigger(graph: ProcessGraph, input: InstanceState, command: TriggerCommand, ctx: CoreContext): ExecuteResult {
  if (input.status !== 'active') throw new CoreError('not-active', `The process instance '${input.id}' has ended.`);
  const run = new Run(graph, structuredClone(input), ctx);
  const token = run.state.executions[command.executionId];
  if (!token) throw new CoreError('unknown-execution', `The process instance '${input.id}' has no execution '${command.executionId}'.`);
  if (!token.waiting || !TRIGGERABLE.has(token.waiting)) {
    throw new CoreError('not-waiting', `The execution '${command.executionId}' is not waiting in a task that can be completed.`);
  }
  for (const [name, value] of Object.entries(structuredClone(command.variables ?? {}))) run.setVariable(token, name, value);
  run.trigger(token);
  run.drain();
  return { state: run.state, effects: run.effects };
}
