/**
 * `calledCompleted`: the called instance ended. camunda:out mappings, as Camunda's
 * passOutputVariables: the non-local ones are set from the call activity like setVariable (in one
 * go), then the local ones on the call activity itself; a sourceExpression is evaluated against the
 * called instance's variables. Then the call activity leaves (output parameters, flows).
 */
import type { VariableMapping } from '../../model/graph.js';
import type { CalledCompletedCommand } from '../commands.js';
import type { VariableLookup } from '../context.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import { waitingToken } from './waiting.js';

export function calledCompleted(run: Run, command: CalledCompletedCommand): void {
  const token = waitingToken(run, command.executionId, ['callActivity'], 'a call activity');
  const mappings = run.node(token.activityId).callActivity?.out ?? [];
  const called: Record<string, unknown> = structuredClone(command.variables);
  run.setCommandVariables(token, outputs(run, token, mappings.filter((m) => !m.local), called));
  Object.assign(token.variables, outputs(run, token, mappings.filter((m) => m.local), called));
  run.trigger(token);
}

function outputs(run: Run, token: ExecutionState, mappings: VariableMapping[], called: Record<string, unknown>): Record<string, unknown> {
  const lookup: VariableLookup = (name) => (Object.hasOwn(called, name) ? { found: true, value: called[name] } : { found: false });
  const variables: Record<string, unknown> = {};
  for (const m of mappings) {
    if (m.all) Object.assign(variables, called);
    else if (m.target === undefined) continue;
    else if (m.sourceExpression !== undefined) variables[m.target] = run.ctx.evaluateToVariable(m.sourceExpression, lookup, run.info(token));
    else if (m.source !== undefined) variables[m.target] = Object.hasOwn(called, m.source) ? called[m.source] : run.ctx.toVariable(null);
  }
  return variables;
}
