/** Which outgoing sequence flows a token takes, by Camunda 7's rules. */
import type { FlowNode } from '../model/graph.js';
import { noOutgoing } from './errors.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';

/**
 * An activity (or event) leaving: every non-default flow without a condition or whose condition
 * holds; else the default flow; else none — the token ends there, as Camunda ends a stuck
 * execution of an activity without failing.
 */
export function activityOutgoing(run: Run, token: ExecutionState, node: FlowNode): string[] {
  const taken = node.outgoing.filter((f) => f !== node.default && run.conditionHolds(token, f));
  if (taken.length > 0) return taken;
  return node.default ? [node.default] : [];
}

/** Exclusive gateway: the first non-default flow (document order) whose condition holds or that has none, else the default. */
export function exclusiveOutgoing(run: Run, token: ExecutionState, node: FlowNode): string[] {
  const first = node.outgoing.find((f) => f !== node.default && run.conditionHolds(token, f));
  if (first) return [first];
  if (node.default) return [node.default];
  throw noOutgoing(node.id);
}

/** Inclusive gateway fork: every non-default flow whose condition holds or that has none, else the default. */
export function inclusiveOutgoing(run: Run, token: ExecutionState, node: FlowNode): string[] {
  const taken = node.outgoing.filter((f) => f !== node.default && run.conditionHolds(token, f));
  if (taken.length > 0) return taken;
  if (node.default) return [node.default];
  throw noOutgoing(node.id);
}
