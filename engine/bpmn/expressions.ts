/**
 * Every expression of a compiled graph is compiled at deployment, as Camunda's BPMN parser parses
 * them: a syntax error refuses the deployment naming the element (and its line), instead of failing
 * the first instance that reaches it. Evaluation errors (unknown variables, types) can only happen
 * at run time.
 */
import { commaSeparatedExpressions, compileExpression, isExpressionError } from '../expressions/index.js';
import type { BpmnProblem, FlowNode, ParamValue, ProcessGraph } from '../model/graph.js';

/** [element id, attribute, expression text] for every expression the graph holds. */
function* expressionsOf(graph: ProcessGraph): Generator<[string, string, string]> {
  for (const flow of Object.values(graph.flows)) if (flow.condition !== undefined) yield [flow.id, 'conditionExpression', flow.condition];
  for (const node of Object.values(graph.nodes)) yield* nodeExpressions(node);
}

function* nodeExpressions(node: FlowNode): Generator<[string, string, string]> {
  const at = (attribute: string, text: string | undefined): [string, string, string][] => (text === undefined ? [] : [[node.id, attribute, text]]);
  for (const [attribute, text] of Object.entries(node.userTask ?? {})) {
    // Candidate lists are compiled piece by piece, as Camunda's parser does.
    const pieces = attribute === 'candidateUsers' || attribute === 'candidateGroups' ? commaSeparatedExpressions(text) : [text];
    for (const piece of pieces) yield* at(`camunda:${attribute}`, piece);
  }
  if (node.userTask) yield* at('name', node.name);
  yield* at('camunda:topic', node.external?.topic);
  yield* at('camunda:taskPriority', node.external?.priority);
  if (node.event?.kind === 'timer') yield* at('timer', node.event.timer.expression);
  if (node.event?.kind === 'message') yield* at('message name', node.event.messageName);
  const mi = node.multiInstance;
  yield* at('camunda:collection', mi?.collection);
  yield* at('loopCardinality', mi?.loopCardinality);
  yield* at('completionCondition', mi?.completionCondition);
  const call = node.callActivity;
  yield* at('calledElement', call?.calledElement);
  yield* at('camunda:in businessKey', call?.businessKey);
  for (const m of [...(call?.in ?? []), ...(call?.out ?? [])]) yield* at('camunda:in/out sourceExpression', m.sourceExpression);
  for (const p of [...(node.inputOutput?.inputs ?? []), ...(node.inputOutput?.outputs ?? [])]) {
    for (const text of paramTexts(p.value)) yield [node.id, `camunda:inputOutput '${p.name}'`, text];
  }
}

function paramTexts(v: ParamValue): string[] {
  switch (v.type) {
    case 'text':
      return [v.value];
    case 'list':
      return v.items.flatMap(paramTexts);
    case 'map':
      return v.entries.flatMap((e) => paramTexts(e.value));
    case 'null':
      return [];
  }
}

export function checkExpressions(graphs: ProcessGraph[]): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  for (const graph of graphs) {
    for (const [elementId, attribute, text] of expressionsOf(graph)) {
      try {
        compileExpression(text);
      } catch (e) {
        if (!isExpressionError(e)) throw e;
        problems.push({ message: `Invalid expression in ${attribute} of '${elementId}': ${e.message}`, mainElementId: elementId, elementIds: [elementId] });
      }
    }
  }
  return problems;
}
