/**
 * Inclusive gateway, Camunda 7 semantics. Join: fires when as many tokens wait at it as it has
 * incoming flows, or when no other token of the scope can still reach it (following sequence
 * flows; a token in a subprocess counts from the subprocess node). Like Camunda 7, a waiting join
 * is not re-checked when another token later ends elsewhere. Fork: every flow whose condition
 * holds (or that has none), else the default, else an error.
 */
import type { ProcessGraph } from '../../model/graph.js';
import { inclusiveOutgoing } from '../flows.js';
import type { Behaviour } from './behaviour.js';
import { merge, waitingAt } from './join.js';

export const inclusiveGateway: Behaviour = {
  activityType: () => 'inclusiveGateway',
  execute(run, token, node) {
    const others = waitingAt(run, token, node);
    const elsewhere = run.tokensIn(token.parentId).filter((t) => t.id !== token.id && !others.includes(t));
    const activates =
      others.length + 1 >= node.incoming.length || !elsewhere.some((t) => t.activityId !== null && canReach(run.graph, t.activityId, node.id));
    if (!activates) {
      run.wait(token, 'join');
      return;
    }
    merge(run, others);
    run.leaveVia(token, inclusiveOutgoing(run, token, node));
  },
};

/** Whether `target` can be reached from `source` along sequence flows (source itself included). */
function canReach(graph: ProcessGraph, source: string, target: string): boolean {
  const seen = new Set<string>();
  const pending = [source];
  for (let id = pending.pop(); id !== undefined; id = pending.pop()) {
    if (id === target) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const flow of graph.nodes[id]?.outgoing ?? []) {
      const next = graph.flows[flow]?.target;
      if (next !== undefined) pending.push(next);
    }
  }
  return false;
}
