/**
 * Checked moddle tree → definition graphs (engine/model/graph.ts): one per executable process,
 * plain JSON. Call only on a model checkSupported accepted.
 */
import type { FlowNode, ProcessGraph, SequenceFlow } from '../model/graph.js';
import { compact } from './compact.js';
import { elementKind, type CompileContext, type ElementKind } from './elements/index.js';
import { compileInputOutput } from './features/input-output.js';
import { compileLoop } from './features/multi-instance.js';
import { compileSequenceFlow } from './features/sequence-flows.js';
import { bool, list, one, ownProperties, str, type ModdleElement } from './moddle.js';
import { executableProcesses, incomingOf, outgoingOf, processContents, type ProcessContents } from './walk.js';

export function compileProcesses(definitions: ModdleElement): ProcessGraph[] {
  return executableProcesses(definitions).map((p) => compileProcess(processContents(p)));
}

function compileProcess(contents: ProcessContents): ProcessGraph {
  const nodes: Record<string, FlowNode> = {};
  for (const { el, scope } of contents.nodes) {
    const kind = elementKind(el.$type);
    if (!kind) throw new Error(`cannot compile unsupported element ${el.id} (${el.$type}): check the model first`);
    nodes[idOf(el)] = compileNode(el, kind, { scope, contents });
  }
  for (const node of Object.values(nodes)) {
    if (node.attachedTo) nodes[node.attachedTo]?.boundaries.push(node.id);
  }
  const flows: Record<string, SequenceFlow> = {};
  for (const { el } of contents.flows) flows[idOf(el)] = compileSequenceFlow(el);
  const messageStarts: Record<string, string> = {};
  for (const node of Object.values(nodes)) {
    if (node.type === 'startEvent' && node.parent === null && node.event?.kind === 'message') messageStarts[node.event.messageName] = node.id;
  }
  const { process } = contents;
  return compact({
    key: idOf(process),
    name: str(process, 'name'),
    versionTag: str(process, 'versionTag'),
    historyTimeToLive: str(process, 'historyTimeToLive'),
    category: process.$parent ? str(process.$parent, 'targetNamespace') : undefined,
    description: documentation(process),
    startableInTasklist: ownProperties(process).includes('isStartableInTasklist') ? bool(process, 'isStartableInTasklist', true) : undefined,
    nodes,
    flows,
    messageStarts,
  });
}

function compileNode(el: ModdleElement, kind: ElementKind, ctx: CompileContext): FlowNode {
  const asyncBefore = bool(el, 'asyncBefore', false) || bool(el, 'async', false);
  const asyncAfter = bool(el, 'asyncAfter', false);
  return compact({
    id: idOf(el),
    type: kind.nodeType,
    name: str(el, 'name'),
    parent: ctx.scope.id,
    incoming: incomingOf(ctx.contents, el).map(idOf),
    outgoing: outgoingOf(ctx.contents, el).map(idOf),
    default: one(el, 'default')?.id,
    boundaries: [],
    asyncBefore: asyncBefore || undefined,
    asyncAfter: asyncAfter || undefined,
    exclusive: asyncBefore || asyncAfter ? bool(el, 'exclusive', true) : undefined,
    multiInstance: compileLoop(el),
    inputOutput: compileInputOutput(el),
    ...kind.compile(el, ctx),
  });
}

/** Camunda's description: the documentation texts, trimmed, separated by a blank line. */
function documentation(el: ModdleElement): string | undefined {
  const texts = list(el, 'documentation').map((d) => (str(d, 'text') ?? '').trim());
  return texts.length > 0 ? texts.join('\n\n') : undefined;
}

function idOf(el: ModdleElement): string {
  return el.id ?? '';
}
