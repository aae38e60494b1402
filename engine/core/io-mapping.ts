/**
 * camunda:inputOutput, Camunda's semantics. Inputs: evaluated when the activity starts, all in the
 * scope the activity is entered from (so one input cannot see another), and set as the activity's
 * local variables. Outputs: evaluated one by one in the activity's scope when it ends — also when
 * it is cancelled, Camunda's default (skipOutputMappingOnCanceledActivities=false) — and set from
 * the enclosing scope like execution.setVariable, so the activity's locals never leak, only what
 * the outputs name.
 */
import type { FlowNode, IoParam, ParamValue } from '../model/graph.js';
import type { VariableLookup } from './context.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';

export function declaresOutputs(node: FlowNode): boolean {
  return (node.inputOutput?.outputs.length ?? 0) > 0;
}

export function applyInputs(run: Run, token: ExecutionState, node: FlowNode): void {
  const inputs = node.inputOutput?.inputs ?? [];
  if (inputs.length === 0) return;
  const { from, into } = inputScope(run, token);
  const outer = run.lookup(from);
  const values = inputs.map((p) => [p.name, paramValue(run, token, p, outer)] as const);
  for (const [name, value] of values) into.variables[name] = value;
}

/**
 * Where inputs are evaluated (`from`: the scope the activity is entered from) and set (`into`). An
 * inner instance of a multi-instance activity does not see its own loopCounter and element there,
 * as in Camunda: a parallel instance reads from its body (nrOf* visible) and keeps its inputs; a
 * sequential one — Camunda runs it on the body's execution — reads only from outside the body, and
 * its inputs live on the body, each instance updating them (found by the Operaton conformance suite).
 */
function inputScope(run: Run, token: ExecutionState): { from: ExecutionState | null; into: ExecutionState } {
  if (!run.isInnerInstance(token)) return { from: token, into: token };
  const body = run.parentOf(token) as ExecutionState;
  return run.node(body.activityId).multiInstance?.sequential ? { from: run.parentOf(body), into: body } : { from: body, into: token };
}

export function applyOutputs(run: Run, token: ExecutionState, node: FlowNode): void {
  if (token.multiInstance) return; // Camunda refuses outputs on multi-instance activities; the body has none
  for (const param of node.inputOutput?.outputs ?? []) {
    const value = paramValue(run, token, param, run.lookup(token));
    run.setVariable(run.parentOf(token), param.name, value);
  }
}

/** A parameter's value in the stored form: a text is typed by the context; a list or map is a Java collection. */
function paramValue(run: Run, token: ExecutionState, param: IoParam, lookup: VariableLookup): unknown {
  const info = run.info(token);
  if (param.value.type === 'text') return run.ctx.evaluateToVariable(param.value.value, lookup, info);
  const value = (v: ParamValue): unknown => {
    switch (v.type) {
      case 'text':
        return run.ctx.evaluate(v.value, lookup, info);
      case 'list':
        return v.items.map(value);
      case 'map':
        return Object.fromEntries(v.entries.map((e) => [e.key, value(e.value)]));
      case 'null':
        return null;
    }
  };
  return run.ctx.toVariable(value(param.value), param.value.type !== 'null');
}
