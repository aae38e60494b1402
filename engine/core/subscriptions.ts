/**
 * Message subscriptions and timer jobs the core asks the shell for. Each belongs to an owner
 * activity instance (effects.ts, ownership rule), so the core never has to cancel one: boundary
 * events belong to the activity they are attached to, event subprocess starts to their scope, an
 * event-based gateway's catch events to the gateway, a catch event or receive task to itself.
 * Message names and timer values are evaluated when subscribing, in the scope of `evalToken`.
 */
import type { FlowNode } from '../model/graph.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';

/** Subscribes a catching node (its message or timer trigger; other triggers need no subscription). */
export function subscribe(run: Run, node: FlowNode, owner: string, executionId: string | null, evalToken: ExecutionState | null): void {
  const event = node.event;
  if (event?.kind === 'message') {
    const messageName = String(run.evaluate(evalToken, event.messageName));
    run.effects.push({ type: 'messageSubscribed', ownerActivityInstanceId: owner, executionId, nodeId: node.id, messageName });
  } else if (event?.kind === 'timer') {
    const timer = { type: event.timer.type, value: run.evaluate(evalToken, event.timer.expression) };
    run.effects.push({ type: 'timerScheduled', ownerActivityInstanceId: owner, executionId, nodeId: node.id, timer });
  }
}

/** The boundary events of the activity `token` has just started (or of the multi-instance body it is). */
export function subscribeBoundaries(run: Run, token: ExecutionState, node: FlowNode): void {
  for (const id of node.boundaries) subscribe(run, run.node(id), token.activityInstanceId ?? '', token.id, token);
}

/** The start events of the event subprocesses directly inside a scope (null = the process). */
export function eventSubProcessStarts(run: Run, scopeNodeId: string | null): FlowNode[] {
  const nodes = Object.values(run.graph.nodes);
  const subprocesses = new Set(nodes.filter((n) => n.eventSubProcess && n.parent === scopeNodeId).map((n) => n.id));
  return nodes.filter((n) => n.type === 'startEvent' && n.parent !== null && subprocesses.has(n.parent));
}

/** A scope has started (the process, or a subprocess `scopeToken` entered): its event subprocesses listen. */
export function subscribeEventSubProcesses(run: Run, scopeToken: ExecutionState | null): void {
  const owner = scopeToken?.activityInstanceId ?? run.state.id;
  for (const start of eventSubProcessStarts(run, scopeToken?.activityId ?? null)) subscribe(run, start, owner, scopeToken?.id ?? null, scopeToken);
}
