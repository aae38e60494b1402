/**
 * Execution core test support: compile inline BPMN (as Camunda Modeler writes it) with the real
 * deployment front end, a deterministic context (counter ids; expressions by the engine's own pure
 * JUEL interpreter — no eval — or, for conditions, a lookup table), and a small driver that runs
 * commands, freezing every state it passes in.
 */
import { deployableProcesses } from '../../../engine/bpmn/index.js';
import {
  execute,
  type Command,
  type CoreContext,
  type Effect,
  type EvaluationInfo,
  type InstanceState,
  type VariableLookup,
} from '../../../engine/core/index.js';
import { compileExpression, evaluateCondition, type ExpressionContext } from '../../../engine/expressions/index.js';
import type { ProcessGraph } from '../../../engine/model/graph.js';

/** A Modeler-style BPMN file around one executable process's flow elements. */
export function modelerXml(processId: string, body: string, rootElements = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn" exporter="Camunda Modeler" exporterVersion="5.31.0" modeler:executionPlatform="Camunda Platform" modeler:executionPlatformVersion="7.22.0">
  <bpmn:process id="${processId}" isExecutable="true" camunda:historyTimeToLive="180">
${body}
  </bpmn:process>
${rootElements}
</bpmn:definitions>
`;
}

/** The compiled graph of the process (`rootElements`: e.g. the `<bpmn:message>` elements it references). */
export async function graphOf(processId: string, body: string, rootElements = ''): Promise<ProcessGraph> {
  const { processes, problems } = await deployableProcesses(modelerXml(processId, body, rootElements));
  expect(problems).toEqual([]);
  return processes[0];
}

export type Conditions = Record<string, (v: (name: string) => unknown) => boolean>;

/** What an expression sees: the variables, the business key and the execution's ids. */
function expressionContext(lookup: VariableLookup, info?: EvaluationInfo): ExpressionContext {
  return { variable: lookup, businessKey: info?.businessKey ?? null, execution: info ? { ...info, id: info.executionId } : {} };
}

/**
 * Ids `id1`, `id2`, …; expressions evaluated by the real interpreter, each recorded with its
 * EvaluationInfo in `infos`; conditions looked up by their exact source text in `conditions` (and
 * recorded in `evaluated`), or else evaluated too.
 */
export function testContext(conditions: Conditions = {}): CoreContext & { evaluated: string[]; infos: (EvaluationInfo | undefined)[] } {
  let next = 0;
  const evaluated: string[] = [];
  const infos: (EvaluationInfo | undefined)[] = [];
  return {
    evaluated,
    infos,
    newId: () => `id${++next}`,
    evaluate(source: string, lookup: VariableLookup, info: EvaluationInfo) {
      infos.push(info);
      return compileExpression(source).evaluate(expressionContext(lookup, info));
    },
    toVariable: (raw: unknown) => raw,
    evaluateToVariable(source: string, lookup: VariableLookup, info: EvaluationInfo) {
      infos.push(info);
      return compileExpression(source).evaluate(expressionContext(lookup, info));
    },
    evaluateCondition(source: string, lookup: VariableLookup, info?: EvaluationInfo) {
      infos.push(info);
      const condition = conditions[source];
      if (!condition) return evaluateCondition(source, expressionContext(lookup, info));
      evaluated.push(source);
      return condition((name) => {
        const found = lookup(name);
        if (!found.found) throw new Error(`Unknown property used in expression: ${source}. Cause: Cannot resolve identifier '${name}'`);
        return found.value;
      });
    },
  };
}

/** Deep-freezes a value (the core must never mutate what it is given). */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** Drives one instance through commands, keeping every effect; each state passed in is frozen. */
export class Driver {
  state: InstanceState | null = null;
  effects: Effect[] = [];

  constructor(
    readonly graph: ProcessGraph,
    readonly ctx: CoreContext = testContext(),
  ) {}

  run(command: Command): Effect[] {
    const result = execute(this.graph, this.state === null ? null : deepFreeze(this.state), command, this.ctx);
    this.state = result.state;
    this.effects.push(...result.effects);
    return result.effects;
  }

  start(variables: Record<string, unknown> = {}, more: Partial<Extract<Command, { type: 'start' }>> = {}): Effect[] {
    return this.run({ type: 'start', definitionId: `${this.graph.key}:1:def`, variables, ...more });
  }

  /** Triggers the one token waiting at `activityId`. */
  complete(activityId: string, variables?: Record<string, unknown>): Effect[] {
    const waiting = Object.values(this.state?.executions ?? {}).filter((e) => e.activityId === activityId && e.waiting && e.waiting !== 'join');
    expect(waiting).toHaveLength(1);
    return this.run({ type: 'trigger', executionId: waiting[0].id, variables });
  }

  /** Open waits as `activityId:kind`, sorted. */
  waits(): string[] {
    return Object.values(this.state?.executions ?? {})
      .filter((e) => e.waiting)
      .map((e) => `${e.activityId}:${e.waiting}`)
      .sort();
  }

  get status() {
    return this.state?.status;
  }
}

/** History effects as `+Id` (started) / `-Id` (ended) / `xId` (canceled), in order. */
export function history(effects: Effect[]): string[] {
  return effects.flatMap((e) =>
    e.type === 'activityStarted' ? [`+${e.activityId}`] : e.type === 'activityEnded' ? [`${e.canceled ? 'x' : '-'}${e.activityId}`] : [],
  );
}

/** Every effect that is not history, as `type:activityId` (`instanceEnded:<status>`). */
export function others(effects: Effect[]): string[] {
  return effects.flatMap((e) =>
    e.type === 'activityStarted' || e.type === 'activityEnded' ? [] : [`${e.type}:${e.type === 'instanceEnded' ? e.status : 'activityId' in e ? e.activityId : e.nodeId}`],
  );
}

export const start = (id = 'Start', out = 'F0') => `<bpmn:startEvent id="${id}"><bpmn:outgoing>${out}</bpmn:outgoing></bpmn:startEvent>`;
export const flow = (id: string, source: string, target: string, condition?: string) =>
  condition === undefined
    ? `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}" />`
    : `<bpmn:sequenceFlow id="${id}" sourceRef="${source}" targetRef="${target}"><bpmn:conditionExpression xsi:type="bpmn:tFormalExpression">${condition}</bpmn:conditionExpression></bpmn:sequenceFlow>`;
export const external = (id: string, topic: string) => `<bpmn:serviceTask id="${id}" camunda:type="external" camunda:topic="${topic}" />`;

/** The one token at `activityId` (the multi-instance body when `body`). */
export function tokenAt(d: Driver, activityId: string, body = false) {
  const found = Object.values(d.state?.executions ?? {}).filter((e) => e.activityId === activityId && (e.multiInstance !== undefined) === body);
  expect(found).toHaveLength(1);
  return found[0];
}

/** The effects of one type, narrowed. */
export function effectsOf<T extends Effect['type']>(effects: Effect[], type: T): Extract<Effect, { type: T }>[] {
  return effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
}

export const userTask = (id: string, attrs = '') => `<bpmn:userTask id="${id}"${attrs ? ` ${attrs}` : ''} />`;
export const timer = (duration: string) => `<bpmn:timerEventDefinition><bpmn:timeDuration>${duration}</bpmn:timeDuration></bpmn:timerEventDefinition>`;
export const message = (ref: string) => `<bpmn:messageEventDefinition messageRef="${ref}" />`;
