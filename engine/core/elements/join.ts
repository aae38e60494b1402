/** Shared by the parallel and inclusive joins: the tokens waiting at a gateway, and merging them. */
import type { FlowNode } from '../../model/graph.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';

/** The other tokens of `token`'s scope waiting at `node`. */
export function waitingAt(run: Run, token: ExecutionState, node: FlowNode): ExecutionState[] {
  return run.tokensIn(token.parentId).filter((t) => t.id !== token.id && t.activityId === node.id && t.waiting === 'join');
}

/** Ends the joined tokens' gateway activity instances and removes them; `token` goes on alone. */
export function merge(run: Run, joined: ExecutionState[]): void {
  for (const other of joined) {
    run.endActivity(other);
    delete run.state.executions[other.id];
  }
}
