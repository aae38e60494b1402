/**
 * Event triggers: each event kind says which triggers it executes; this checks the event's single
 * definition against that and compiles it to an EventTrigger. Signal, escalation, compensation,
 * conditional, link and cancel definitions, and "multiple" events, are refused.
 */
import type { EventTrigger } from '../../model/graph.js';
import { compact } from '../compact.js';
import { body, list, one, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import { checkCamundaAttributes } from './camunda-attributes.js';
import { checkExtensionElements } from './extension-elements.js';

export type TriggerKind = EventTrigger['kind'];

const KINDS: Record<string, TriggerKind> = {
  'bpmn:MessageEventDefinition': 'message',
  'bpmn:TimerEventDefinition': 'timer',
  'bpmn:ErrorEventDefinition': 'error',
  'bpmn:TerminateEventDefinition': 'terminate',
};

const TIMER_TYPES = [['timeDuration', 'duration'], ['timeDate', 'date'], ['timeCycle', 'cycle']] as const;

export interface TriggerRules {
  allowed: readonly TriggerKind[];
  /** Where the event is, for the message, e.g. "in an embedded subprocess". */
  where?: string;
  /**
   * Throwing events (end, intermediate throw): an error's code is mandatory, a message's
   * messageRef is optional (the message is sent by an external task; Camunda needs no name).
   */
  throwing?: boolean;
  /** camunda attributes the definition may carry (message end events: type/topic/taskPriority). */
  definitionAttributes?: readonly string[];
}

/** Catching error events may store the caught error's code and message in variables. */
const ERROR_VARIABLES = ['errorCodeVariable', 'errorMessageVariable'];

function definitionOf(el: ModdleElement): ModdleElement | undefined {
  return list(el, 'eventDefinitions')[0];
}

/** The trigger kind of a well-formed event: 'none' without definition. */
export function triggerKind(el: ModdleElement): TriggerKind | undefined {
  const def = definitionOf(el);
  return def ? KINDS[def.$type] : 'none';
}

/** Checks the event's trigger; returns its kind when it is supported here. */
export function checkTrigger(el: ModdleElement, rules: TriggerRules, problems: Problems): TriggerKind | undefined {
  const defs = list(el, 'eventDefinitions');
  if (list(el, 'eventDefinitionRef').length > 0) {
    problems.unsupported(el, 'a reference to a global event definition (eventDefinitionRef)');
    return undefined;
  }
  if (defs.length > 1) {
    problems.unsupported(el, 'an event with several event definitions');
    return undefined;
  }
  const def = defs[0];
  const kind = def ? KINDS[def.$type] : 'none';
  if (!kind || !rules.allowed.includes(kind)) {
    const what = def ? def.$type : 'an event without event definition';
    problems.unsupported(el, rules.where ? `${what} ${rules.where}` : what, def ? def.$type : el.$type);
    return undefined;
  }
  if (!def) return kind;
  const catchesError = kind === 'error' && !rules.throwing;
  checkCamundaAttributes(def, [...(rules.definitionAttributes ?? []), ...(catchesError ? ERROR_VARIABLES : [])], problems, el);
  checkExtensionElements(def, [], problems, el);
  if (kind === 'message' && (!rules.throwing || one(def, 'messageRef'))) checkMessage(el, def, problems);
  if (kind === 'timer') checkTimer(el, def, problems);
  if (kind === 'error' && rules.throwing) checkThrownError(el, def, problems);
  return kind;
}

/** A message event definition or a receive task: needs a messageRef to a named message. */
export function checkMessage(el: ModdleElement, def: ModdleElement, problems: Problems): void {
  const message = one(def, 'messageRef');
  if (!message) problems.invalid(el, 'a message event needs a messageRef');
  else if (!str(message, 'name')?.trim()) problems.invalid(el, `message '${message.id}' has no name`);
}

function checkTimer(el: ModdleElement, def: ModdleElement, problems: Problems): void {
  // Two or more values break the XSD's choice: refused by the schema check (schema-order.ts), as by Operaton.
  const set = TIMER_TYPES.filter(([prop]) => one(def, prop));
  if (set.length === 0) {
    problems.invalid(el, 'a timer needs exactly one of timeDuration, timeDate, timeCycle');
  } else if (!body(one(def, set[0][0]))) {
    problems.invalid(el, `the timer's ${set[0][0]} is empty`);
  }
}

function checkThrownError(el: ModdleElement, def: ModdleElement, problems: Problems): void {
  const error = one(def, 'errorRef');
  if (!error) problems.invalid(el, "'errorRef' attribute is mandatory on error end event");
  else if (!str(error, 'errorCode')) {
    problems.invalid(el, `'errorCode' is mandatory on errors referenced by throwing error event definitions, but the error '${error.id}' does not define one`);
  }
}

export function messageName(def: ModdleElement): string {
  const message = one(def, 'messageRef');
  return (message && str(message, 'name')?.trim()) ?? '';
}

/** The compiled trigger of a checked event (or receive task, for its message). */
export function compileTrigger(el: ModdleElement, throwing = false): EventTrigger {
  const def = definitionOf(el);
  const kind = triggerKind(el);
  if (!def || kind === 'none') return { kind: 'none' };
  if (kind === 'terminate') return { kind: 'terminate' };
  if (kind === 'message') return { kind: 'message', messageName: messageName(def) };
  if (kind === 'timer') {
    const [prop, type] = TIMER_TYPES.find(([p]) => one(def, p)) ?? TIMER_TYPES[0];
    return { kind: 'timer', timer: { type, expression: body(one(def, prop)) ?? '' } };
  }
  const error = one(def, 'errorRef');
  const errorCode = (error && str(error, 'errorCode')) || null;
  if (throwing) {
    const errorMessage = error ? str(error, 'errorMessage') : undefined;
    return errorMessage ? { kind: 'error', errorCode, errorMessage } : { kind: 'error', errorCode };
  }
  return compact({ kind: 'error' as const, errorCode, errorCodeVariable: str(def, 'errorCodeVariable'), errorMessageVariable: str(def, 'errorMessageVariable') });
}
