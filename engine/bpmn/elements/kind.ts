/**
 * The contract of one supported BPMN flow-node type: what it accepts (camunda attributes and
 * extension elements beyond the common ones), its own structural checks, and the fields of its
 * graph node beyond the common ones (id, parent, flows, async, I/O, multi-instance). One small file
 * per type, registered in index.ts.
 */
import type { FlowNode, NodeType } from '../../model/graph.js';
import type { IoSupport } from '../features/input-output.js';
import type { ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import type { ProcessContents, Scope } from '../walk.js';

export interface CompileContext {
  scope: Scope;
  contents: ProcessContents;
}

export interface NodeContext extends CompileContext {
  problems: Problems;
}

export interface ElementKind {
  nodeType: NodeType;
  /** Activities take boundary events, multi-instance characteristics and default flows. */
  activity: boolean;
  /** Where camunda:inputOutput is allowed (Camunda's restrictions). */
  io: IoSupport;
  /** camunda:* attributes (local names) this type executes, besides the async ones. */
  attributes?: readonly string[];
  /** Extension element types this type executes, besides camunda:properties / inputOutput. */
  extensions?: readonly string[];
  check(el: ModdleElement, ctx: NodeContext): void;
  compile(el: ModdleElement, ctx: CompileContext): Partial<FlowNode>;
}
