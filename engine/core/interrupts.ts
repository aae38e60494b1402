/**
 * What a caught event starts: a boundary event (interrupting: the activity — with everything inside
 * it, innermost first — is cancelled and its token goes on through the boundary event; non-
 * interrupting: a new token runs from the boundary event while the activity continues) and an
 * event subprocess (interrupting: every other token of its scope is cancelled first; either way a
 * new token in the scope runs the event subprocess from the triggered start event). When an event
 * subprocess completes its token ends, and the scope completes once nothing else is left.
 */
import type { FlowNode } from '../model/graph.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';
import { subscribeEventSubProcesses } from './subscriptions.js';

export function fireBoundary(run: Run, boundary: FlowNode, activityToken: ExecutionState): void {
  if (boundary.interrupting === false) {
    run.scheduleEnter(run.newToken(activityToken.parentId, boundary.id), boundary.id);
    return;
  }
  run.interrupt(activityToken);
  run.scheduleEnter(activityToken, boundary.id);
}

/** `scopeToken`: the token of the subprocess the event subprocess is in (null = the process). */
export function startEventSubProcess(run: Run, start: FlowNode, scopeToken: ExecutionState | null): void {
  const scopeId = scopeToken?.id ?? null;
  if (start.interrupting !== false) run.cancelScope(scopeId);
  const token = run.newToken(scopeId, start.parent ?? '');
  run.startActivity(token, run.node(start.parent));
  token.scope = true;
  subscribeEventSubProcesses(run, token);
  run.scheduleEnter(run.newToken(token.id, start.id), start.id);
}
