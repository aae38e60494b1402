/**
 * The contract of one node type's behaviour inside the shared activity shell (run.ts): the shell
 * starts the activity instance (history), calls `execute`, and — when a trigger completes the wait
 * the token is in — calls `trigger`. One small file per type, registered in index.ts.
 */
import type { FlowNode } from '../../model/graph.js';
import type { Run } from '../run.js';
import type { ExecutionState } from '../state.js';

export interface Behaviour {
  /** Camunda's history activity type for this node. */
  activityType(node: FlowNode): string;
  /** The token has entered the node and its activity instance has started. */
  execute(run: Run, token: ExecutionState, node: FlowNode): void;
  /** The wait the token is in was completed (variables already set). Default: leave as an activity. */
  trigger?(run: Run, token: ExecutionState, node: FlowNode): void;
}
