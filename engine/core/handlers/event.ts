/**
 * `event`: a message or timer reached a node the core subscribed. Which node decides what happens:
 * a boundary event fires on the activity its token is in; an event subprocess start event starts
 * its event subprocess in the scope; a catch event after a waiting event-based gateway ends the
 * gateway and completes at once; a waiting catch event or receive task completes. Anything else is
 * a stale subscription: refused.
 */
import type { FlowNode } from '../../model/graph.js';
import type { EventCommand } from '../commands.js';
import { CoreError } from '../errors.js';
import { fireBoundary, startEventSubProcess } from '../interrupts.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';
import { tokenOf } from './waiting.js';

export function event(run: Run, command: EventCommand): void {
  const node = run.node(command.nodeId);
  const token = command.executionId === null ? null : tokenOf(run, command.executionId);
  const handle = handlerFor(run, node, token);
  if (!handle) throw new CoreError('not-waiting', `The execution '${command.executionId}' does not wait for an event of '${node.id}'.`);
  run.setCommandVariables(token, command.variables);
  handle();
}

function handlerFor(run: Run, node: FlowNode, token: ExecutionState | null): (() => void) | undefined {
  if (node.type === 'boundaryEvent') {
    const host = node.attachedTo === undefined ? undefined : run.graph.nodes[node.attachedTo];
    const inHost = token && host && token.activityId === host.id && token.activityInstanceId !== null && (host.multiInstance ? token.multiInstance : !run.isInnerInstance(token));
    return inHost ? () => fireBoundary(run, node, token) : undefined;
  }
  const eventSubProcess = node.parent === null ? undefined : run.graph.nodes[node.parent];
  if (node.type === 'startEvent' && eventSubProcess?.eventSubProcess) {
    const inScope = token === null ? eventSubProcess.parent === null : token.scope && !token.multiInstance && token.activityId === eventSubProcess.parent;
    return inScope ? () => startEventSubProcess(run, node, token) : undefined;
  }
  if (!token) return undefined;
  if (token.waiting === 'eventGateway' && node.incoming.some((f) => run.graph.flows[f]?.source === token.activityId)) {
    return () => {
      // Camunda's history records the gateway as canceled once one of its events fires (Operaton
      // conformance): the gateway itself never completes, the event takes the token.
      run.endActivity(token, true);
      run.startActivity(token, node);
      run.leave(token);
    };
  }
  const waits = token.activityId === node.id && (token.waiting === 'message' || token.waiting === 'timer' || token.waiting === 'receiveTask');
  return waits ? () => run.trigger(token) : undefined;
}
