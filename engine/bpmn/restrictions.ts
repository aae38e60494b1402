/**
 * Combinations the execution core does not run, found on the compiled graph and refused at
 * deployment (nothing is ever silently skipped): today, `camunda:asyncBefore` on a catch event that
 * follows an event-based gateway (the gateway subscribes it directly; there is no point in between
 * for a job).
 */
import type { BpmnProblem, ProcessGraph } from '../model/graph.js';

export function checkRestrictions(graphs: ProcessGraph[]): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  for (const graph of graphs) {
    for (const node of Object.values(graph.nodes)) {
      if (node.type !== 'eventBasedGateway') continue;
      for (const flowId of node.outgoing) {
        const target = graph.nodes[graph.flows[flowId]?.target ?? ''];
        if (target?.asyncBefore) {
          problems.push({
            message: `camunda:asyncBefore is not supported on '${target.id}': it follows the event-based gateway '${node.id}', which subscribes it directly`,
            mainElementId: target.id,
            elementIds: [target.id, node.id],
          });
        }
      }
    }
  }
  return problems;
}
