/**
 * Call activity: asks the shell to start the latest version of the called process with the
 * camunda:in mappings applied and the camunda:in businessKey evaluated, and waits for
 * `calledCompleted`, which applies the camunda:out mappings (commands/called-completed.ts).
 */
import type { VariableMapping } from '../../model/graph.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import type { Behaviour } from './behaviour.js';

export const callActivity: Behaviour = {
  activityType: () => 'callActivity',
  execute(run, token, node) {
    const call = node.callActivity;
    if (!call) return run.leave(token);
    const businessKey = call.businessKey === undefined ? null : run.evaluate(token, call.businessKey);
    run.wait(token, 'callActivity');
    run.effects.push({
      type: 'callActivityStarted',
      executionId: token.id,
      activityId: node.id,
      activityInstanceId: token.activityInstanceId ?? '',
      calledElement: String(run.evaluate(token, call.calledElement)),
      businessKey: businessKey === null || businessKey === undefined ? null : String(businessKey),
      variables: inputVariables(run, token, call.in),
    });
  },
};

/** camunda:in, in order (a later mapping overrides an earlier one): all variables, a source variable, or an expression. */
function inputVariables(run: Run, token: ExecutionState, mappings: VariableMapping[]): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  const lookup = run.lookup(token);
  for (const m of mappings) {
    if (m.all) Object.assign(variables, m.local ? structuredClone(token.variables) : visibleVariables(run, token));
    else if (m.target === undefined) continue; // the businessKey mapping
    else if (m.sourceExpression !== undefined) variables[m.target] = run.ctx.evaluateToVariable(m.sourceExpression, run.lookup(token), run.info(token));
    else if (m.source !== undefined) {
      const found = m.local ? { found: Object.hasOwn(token.variables, m.source), value: token.variables[m.source] } : lookup(m.source);
      variables[m.target] = found.found ? structuredClone(found.value) : run.ctx.toVariable(null);
    }
  }
  return variables;
}

/** Every variable the activity sees (Camunda's execution.getVariables()): inner scopes shadow outer ones. */
function visibleVariables(run: Run, token: ExecutionState): Record<string, unknown> {
  const chain: Record<string, unknown>[] = [];
  for (let e: ExecutionState | null = token; e; e = run.parentOf(e)) chain.unshift(e.variables);
  return structuredClone(Object.assign({}, run.state.variables, ...chain));
}
