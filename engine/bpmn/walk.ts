/**
 * What of a moddle tree the checker and compiler visit: the executable processes, and in each its
 * scopes (the process, embedded and event subprocesses) with their flow nodes and sequence flows.
 * Only supported containers are descended into; an unsupported one (transaction, ad-hoc
 * subprocess) is refused as a whole.
 */
import { bool, list, type ModdleElement } from './moddle.js';

export interface Scope {
  el: ModdleElement;
  /** null for the process itself. */
  id: string | null;
  eventSubProcess: boolean;
}

export interface ProcessContents {
  process: ModdleElement;
  scopes: Scope[];
  nodes: { el: ModdleElement; scope: Scope }[];
  flows: { el: ModdleElement; scope: Scope }[];
  /** Sequence flows by the node they leave / enter (moddle's own incoming/outgoing are optional). */
  outgoing: Map<ModdleElement, ModdleElement[]>;
  incoming: Map<ModdleElement, ModdleElement[]>;
}

/** Processes Camunda deploys: isExecutable="true", or absent (Camunda's default). */
export function executableProcesses(definitions: ModdleElement): ModdleElement[] {
  return list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process' && bool(e, 'isExecutable', true));
}

export function processContents(process: ModdleElement): ProcessContents {
  const contents: ProcessContents = { process, scopes: [], nodes: [], flows: [], outgoing: new Map(), incoming: new Map() };
  visitScope(contents, { el: process, id: null, eventSubProcess: false });
  for (const { el: flow } of contents.flows) {
    for (const [prop, index] of [['sourceRef', contents.outgoing], ['targetRef', contents.incoming]] as const) {
      const node = flow[prop] as ModdleElement | undefined;
      if (node) index.set(node, [...(index.get(node) ?? []), flow]);
    }
  }
  return contents;
}

function visitScope(contents: ProcessContents, scope: Scope): void {
  contents.scopes.push(scope);
  for (const el of list(scope.el, 'flowElements')) {
    if (el.$type === 'bpmn:SequenceFlow') contents.flows.push({ el, scope });
    else if (el.$instanceOf('bpmn:FlowNode')) {
      contents.nodes.push({ el, scope });
      if (el.$type === 'bpmn:SubProcess') {
        visitScope(contents, { el, id: el.id ?? null, eventSubProcess: bool(el, 'triggeredByEvent', false) });
      }
    }
    // data objects and data store references carry no behaviour: ignored, as Camunda does.
  }
}

export function outgoingOf(contents: ProcessContents, el: ModdleElement): ModdleElement[] {
  return contents.outgoing.get(el) ?? [];
}

export function incomingOf(contents: ProcessContents, el: ModdleElement): ModdleElement[] {
  return contents.incoming.get(el) ?? [];
}
