/** Which outgoing sequence flows a token takes, by Camunda 7's rules. */
import type { FlowNode } from '../model/graph.js';
import { noConditionalOutgoing, noOutgoing } from './errors.js';
import type { Run } from './run.js';
import type { ExecutionState } from './state.js';

/**
 * An activity (or event) leaving: every non-default flow without a condition or whose condition
 * holds; else the default flow. An activity without outgoing flows ends its token there; one whose
 * flows are all conditional and all false fails the command, as Camunda refuses it (found by the
 * Operaton conformance suite).
 */
export function activityOutgoing(run: Run, token: ExecutionState, node: FlowNode): string[] {
  const taken = node.outgoing.filter((f) => f !== node.default && run.conditionHolds(token, f));
  if (taken.length > 0) return taken;
  if (node.default) return [node.default];
  if (node.outgoing.length > 0) throw noConditionalOutgoing(node.id);
  return [];
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
