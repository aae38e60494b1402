/**
 * Multi-instance activities, Camunda 7 semantics. The token entering the activity becomes its
 * body (`<id>#multiInstanceBody`, activity type multiInstanceBody), a scope holding nrOfInstances,
 * nrOfActiveInstances and nrOfCompletedInstances as local variables; boundary events belong to
 * it. loopCardinality wins over camunda:collection (a variable name, or an expression) for the
 * count; 0 instances leaves at once, a negative count or a non-list collection fails.
 *
 * Parallel: all instances start at once (document order), each a token with its own local
 * loopCounter and element variable. Sequential: one instance at a time; loopCounter and the
 * element live on the body, as Camunda keeps them on the body execution. When an instance
 * completes, nrOfCompletedInstances (and, parallel, nrOfActiveInstances) are updated, then the
 * completionCondition is evaluated in the completed instance's scope; when it holds (or nothing is
 * left) the remaining instances are cancelled and the body leaves through the activity's flows.
 */
import type { FlowNode } from '../model/graph.js';
import { CoreError } from './errors.js';
import { activityOutgoing } from './flows.js';
import type { Run } from './run.js';
import type { ExecutionState, MultiInstanceState } from './state.js';
import { subscribeBoundaries } from './subscriptions.js';

type Loop = NonNullable<FlowNode['multiInstance']>;

export function enterMultiInstance(run: Run, body: ExecutionState, node: FlowNode): void {
  const loop = node.multiInstance as Loop;
  body.activityInstanceId = `${node.id}#multiInstanceBody:${run.ctx.newId()}`;
  body.multiInstance = { instances: 0, completed: 0, active: 0, loopCounter: 0 };
  run.effects.push({ type: 'activityStarted', ...run.activityRef(body, node, 'multiInstanceBody') });
  subscribeBoundaries(run, body, node);
  const instances = instanceCount(run, body, loop, node);
  if (instances === 0) return leaveBody(run, body, node);
  body.scope = true;
  body.multiInstance = { instances, completed: 0, active: loop.sequential ? 1 : instances, loopCounter: 0 };
  writeCounters(run, body);
  if (loop.sequential) {
    setLoopVariables(run, body, body, node, 0);
    run.scheduleEnter(run.newToken(body.id, node.id), node.id);
    return;
  }
  const inner = Array.from({ length: instances }, () => run.newToken(body.id, node.id));
  inner.forEach((token, i) => setLoopVariables(run, body, token, node, i));
  for (let i = instances - 1; i >= 0; i--) run.scheduleEnter(inner[i], node.id); // stack: the first runs first
}

/** An inner instance's activity has ended (completed, or ended by an unhandled BPMN error). */
export function multiInstanceDone(run: Run, inner: ExecutionState): void {
  const body = run.parentOf(inner) as ExecutionState;
  const counters = body.multiInstance as MultiInstanceState;
  const node = run.node(body.activityId);
  const loop = node.multiInstance as Loop;
  counters.completed += 1;
  if (!loop.sequential) counters.active -= 1;
  writeCounters(run, body);
  const conditionHolds = loop.completionCondition !== undefined && run.ctx.evaluateCondition(loop.completionCondition, run.lookup(inner), run.info(inner));
  if (loop.sequential) {
    counters.loopCounter += 1;
    if (!conditionHolds && counters.loopCounter < counters.instances) {
      setLoopVariables(run, body, body, node, counters.loopCounter);
      inner.variables = {};
      run.scheduleEnter(inner, node.id);
      return;
    }
  }
  delete run.state.executions[inner.id];
  if (!loop.sequential && !conditionHolds && run.tokensIn(body.id).length > 0) return;
  run.cancelScope(body.id);
  leaveBody(run, body, node);
}

/** The body leaves like an activity: its outputs, then the activity's asyncAfter job or its flows. */
function leaveBody(run: Run, body: ExecutionState, node: FlowNode): void {
  run.complete(body, activityOutgoing(run, body, node));
}

function writeCounters(run: Run, body: ExecutionState): void {
  const { instances, completed, active } = body.multiInstance as MultiInstanceState;
  body.variables.nrOfInstances = run.ctx.toVariable(instances);
  body.variables.nrOfActiveInstances = run.ctx.toVariable(active);
  body.variables.nrOfCompletedInstances = run.ctx.toVariable(completed);
}

/** loopCounter and the collection's element, as locals of `target` (the inner token, or the body when sequential). */
function setLoopVariables(run: Run, body: ExecutionState, target: ExecutionState, node: FlowNode, index: number): void {
  const loop = node.multiInstance as Loop;
  target.variables.loopCounter = run.ctx.toVariable(index);
  if (loop.collection !== undefined && loop.elementVariable !== undefined) {
    // Camunda reads the collection again for every instance.
    target.variables[loop.elementVariable] = run.ctx.toVariable(collectionOf(run, body, loop, node)[index] ?? null);
  }
}

function instanceCount(run: Run, body: ExecutionState, loop: Loop, node: FlowNode): number {
  const count = loop.loopCardinality !== undefined ? cardinality(run.evaluate(body, loop.loopCardinality), loop.loopCardinality) : collectionOf(run, body, loop, node).length;
  if (count < 0) throw new CoreError('invalid-value', `Invalid number of instances: must be a non-negative integer value, but was ${count}`);
  return count;
}

function cardinality(value: unknown, source: string): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*[-+]?\d+\s*$/.test(value) ? Number(value) : NaN;
  if (Number.isNaN(n)) throw new CoreError('invalid-value', `Could not resolve loopCardinality expression '${source}': not a number nor number String`);
  return Math.trunc(n);
}

/** camunda:collection: an expression, or else the name of a variable holding the list. */
function collectionOf(run: Run, body: ExecutionState, loop: Loop, node: FlowNode): unknown[] {
  const source = loop.collection ?? '';
  const isExpression = /[$#]\{/.test(source);
  const value = run.evaluate(body, isExpression ? source : `\${execution.getVariable('${source.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}')}`);
  if (Array.isArray(value)) return value;
  throw new CoreError(
    'invalid-value',
    isExpression
      ? `Unable to resolve expression '${source}' of '${node.id}' to Collection`
      : `Variable '${source}' of '${node.id}' is not a Collection`,
  );
}
