/**
 * BPMN error propagation, as Camunda 7's BpmnExceptionHandler does it. Walking outward from the
 * throwing execution, each level offers its catchers: the activity's own error boundary events; at
 * a subprocess, the error event subprocesses inside it, then its boundary events (a multi-instance
 * activity's boundary events sit on its body). Within a level Camunda sorts by precedence — event
 * subprocess starts before boundary events, and among each a handler with an errorCode before a
 * catch-all — and the first that catches the code wins (a catch-all catches every code, a code-less
 * error only a catch-all). An event subprocess the thrower is inside never catches its own error.
 *
 * Caught: camunda:errorCodeVariable / errorMessageVariable are set from the handler's scope, then
 * the handler runs (interrupting). Not caught (enableExceptionsAfterUnhandledBpmnError=false, the
 * default): Camunda logs it and ends the throwing execution as a none end event would
 * (`execution.end(true)`) — the core emits `errorUnhandled` and does the same.
 */
import type { FlowNode } from '../model/graph.js';
import { fireBoundary, startEventSubProcess } from './interrupts.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';
import { eventSubProcessStarts } from './subscriptions.js';

interface Catcher {
  /** A boundary event, or an error start event of an event subprocess. */
  node: FlowNode;
  /** The attached activity's token (boundary), or the event subprocess's scope token (null = process). */
  scope: ExecutionState | null;
  precedence: number;
}

export function throwError(run: Run, thrower: ExecutionState, errorCode: string | null, errorMessage: string | null): void {
  const catcher = findCatcher(run, thrower, errorCode);
  if (!catcher) {
    run.effects.push({ type: 'errorUnhandled', executionId: thrower.id, activityId: thrower.activityId ?? '', errorCode });
    run.finish(thrower);
    return;
  }
  const event = catcher.node.event;
  if (event?.kind === 'error' && event.errorCodeVariable) run.setVariable(catcher.scope, event.errorCodeVariable, run.ctx.toVariable(errorCode));
  if (event?.kind === 'error' && event.errorMessageVariable) run.setVariable(catcher.scope, event.errorMessageVariable, run.ctx.toVariable(errorMessage));
  if (catcher.node.type === 'boundaryEvent') fireBoundary(run, catcher.node, catcher.scope as ExecutionState);
  else startEventSubProcess(run, catcher.node, catcher.scope);
}

function findCatcher(run: Run, thrower: ExecutionState, errorCode: string | null): Catcher | undefined {
  const ancestors = graphAncestors(run, thrower.activityId);
  let level: ExecutionState | null = thrower;
  for (;;) {
    const catchers = catchersAt(run, level, ancestors).sort((a, b) => b.precedence - a.precedence); // stable
    const found = catchers.find((c) => catches(c.node, errorCode));
    if (found || level === null) return found;
    level = run.parentOf(level);
  }
}

function catches(node: FlowNode, errorCode: string | null): boolean {
  return node.event?.kind === 'error' && (node.event.errorCode === null || node.event.errorCode === errorCode);
}

function catchersAt(run: Run, level: ExecutionState | null, ancestors: Set<string>): Catcher[] {
  if (level === null) return eventSubProcessCatchers(run, null, null, ancestors);
  const node = run.node(level.activityId);
  if (level.multiInstance) return boundaryCatchers(run, node, level);
  const inner = node.type === 'subProcess' && level.scope ? eventSubProcessCatchers(run, node.id, level, ancestors) : [];
  return node.multiInstance ? inner : [...inner, ...boundaryCatchers(run, node, level)];
}

function eventSubProcessCatchers(run: Run, scopeNodeId: string | null, scope: ExecutionState | null, ancestors: Set<string>): Catcher[] {
  return eventSubProcessStarts(run, scopeNodeId)
    .filter((start) => start.event?.kind === 'error' && !ancestors.has(start.parent ?? ''))
    .map((node) => ({ node, scope, precedence: 10 + codeBonus(node) }));
}

function boundaryCatchers(run: Run, node: FlowNode, scope: ExecutionState): Catcher[] {
  return node.boundaries
    .map((id) => run.node(id))
    .filter((b) => b.event?.kind === 'error')
    .map((b) => ({ node: b, scope, precedence: codeBonus(b) }));
}

const codeBonus = (node: FlowNode): number => (node.event?.kind === 'error' && node.event.errorCode !== null ? 1 : 0);

/** The node and every scope it is nested in. */
function graphAncestors(run: Run, nodeId: string | null): Set<string> {
  const ids = new Set<string>();
  for (let id = nodeId; id !== null; id = run.graph.nodes[id]?.parent ?? null) ids.add(id);
  return ids;
}
