/**
 * The definition graph: what a deployed BPMN process compiles to. Plain JSON (stored with the
 * process definition, cached in memory), no moddle objects, no functions. The execution core reads
 * only this. Expressions stay as their source text (`${…}`); the expression evaluator compiles them.
 */

export type NodeType =
  | 'startEvent'
  | 'endEvent'
  | 'userTask'
  | 'serviceTask'
  | 'sendTask'
  | 'businessRuleTask'
  | 'receiveTask'
  | 'manualTask'
  | 'task'
  | 'exclusiveGateway'
  | 'parallelGateway'
  | 'inclusiveGateway'
  | 'eventBasedGateway'
  | 'intermediateCatchEvent'
  | 'intermediateThrowEvent'
  | 'boundaryEvent'
  | 'subProcess'
  | 'callActivity';

/** An event's trigger (event definition). `none` when the event has no definition. */
export type EventTrigger =
  | { kind: 'none' }
  | { kind: 'terminate' }
  | { kind: 'message'; messageName: string }
  | { kind: 'timer'; timer: { type: 'duration' | 'date' | 'cycle'; expression: string } }
  /**
   * errorCode null = catch-all (boundary/event subprocess) or an error end event without code.
   * Catching error events may name the variables Camunda sets to the caught error's code and
   * message (camunda:errorCodeVariable / camunda:errorMessageVariable).
   */
  | { kind: 'error'; errorCode: string | null; errorMessage?: string; errorCodeVariable?: string; errorMessageVariable?: string };

/** camunda:inputOutput parameter value. */
export type ParamValue =
  | { type: 'text'; value: string } // constant or expression text (`${…}` evaluated)
  | { type: 'list'; items: ParamValue[] }
  | { type: 'map'; entries: { key: string; value: ParamValue }[] }
  | { type: 'null' };

export interface IoParam {
  name: string;
  value: ParamValue;
}

/** camunda:in / camunda:out of a call activity. */
export interface VariableMapping {
  source?: string;
  sourceExpression?: string;
  target?: string;
  /** `variables="all"` */
  all?: boolean;
  local?: boolean;
  /** camunda:in businessKey="…" */
  businessKey?: string;
}

export interface FlowNode {
  id: string;
  type: NodeType;
  name?: string;
  /** Enclosing scope: a subProcess id, or null for the process itself. */
  parent: string | null;
  incoming: string[];
  outgoing: string[];
  /** Gateways and activities: the default sequence flow id. */
  default?: string;
  /** Events: their trigger. */
  event?: EventTrigger;
  /** Start events of event subprocesses; boundary events: interrupting or not. */
  interrupting?: boolean;
  /** subProcess with triggeredByEvent="true". */
  eventSubProcess?: boolean;
  /** Boundary events: the activity they are attached to. */
  attachedTo?: string;
  /** Activities: ids of boundary events attached to them. */
  boundaries: string[];
  userTask?: {
    assignee?: string;
    candidateUsers?: string;
    candidateGroups?: string;
    formKey?: string;
    dueDate?: string;
    followUpDate?: string;
    priority?: string;
  };
  /** service/send/businessRule task, message end event, message intermediate throw event: camunda:type="external". */
  external?: { topic: string; priority?: string };
  callActivity?: {
    calledElement: string;
    binding: 'latest';
    businessKey?: string;
    in: VariableMapping[];
    out: VariableMapping[];
  };
  multiInstance?: {
    sequential: boolean;
    collection?: string;
    elementVariable?: string;
    loopCardinality?: string;
    completionCondition?: string;
  };
  asyncBefore?: boolean;
  asyncAfter?: boolean;
  /** camunda:exclusive (jobs), default true as in Camunda. */
  exclusive?: boolean;
  inputOutput?: { inputs: IoParam[]; outputs: IoParam[] };
}

export interface SequenceFlow {
  id: string;
  name?: string;
  source: string;
  target: string;
  /** Condition expression source (`${…}`), if any. */
  condition?: string;
}

export interface ProcessGraph {
  /** BPMN process id = the definition key. */
  key: string;
  name?: string;
  versionTag?: string;
  historyTimeToLive?: string;
  /** The BPMN definitions' targetNamespace (Camunda's process definition `category`). */
  category?: string;
  /** The process's documentation text (Camunda's `description`). */
  description?: string;
  /** camunda:isStartableInTasklist; absent = true, as in Camunda. */
  startableInTasklist?: boolean;
  /** Every flow node of the process, nested ones included (see FlowNode.parent). */
  nodes: Record<string, FlowNode>;
  flows: Record<string, SequenceFlow>;
  /** Message names this process can be started by (message start events of the process scope). */
  messageStarts: Record<string, string>; // messageName → start event id
}

/** A problem found parsing or checking a BPMN resource (Camunda's ParseException details shape). */
export interface BpmnProblem {
  message: string;
  line?: number;
  column?: number;
  /** The element the problem is about. */
  mainElementId?: string;
  elementIds: string[];
  /** For unsupported elements: the BPMN type, e.g. `bpmn:ScriptTask`. */
  elementType?: string;
}
