/**
 * Rules about a scope as a whole, as Camunda's parser applies them: how many start events it may
 * have (one none-or-timer start per process, any number of message starts; exactly one start in a
 * subprocess or event subprocess), and message names that must be unique where they subscribe
 * together (message starts of the process, event subprocesses of a scope, boundaries of an
 * activity). A message start's name cannot be an expression: nothing exists yet to evaluate it.
 */
import { list, one, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';
import type { ProcessContents, Scope } from '../walk.js';
import { messageName, triggerKind } from './event-definition.js';

function startsOf(contents: ProcessContents, scope: Scope): ModdleElement[] {
  return contents.nodes.filter((n) => n.scope === scope && n.el.$type === 'bpmn:StartEvent').map((n) => n.el);
}

export function checkScope(contents: ProcessContents, scope: Scope, problems: Problems): void {
  const starts = startsOf(contents, scope);
  if (scope.id === null) {
    const initial = starts.filter((s) => triggerKind(s) === 'none' || triggerKind(s) === 'timer');
    for (const s of initial.slice(1)) problems.invalid(s, 'multiple none start events or timer start events are not supported on a process definition');
    const messageStarts = starts.filter((s) => triggerKind(s) === 'message');
    for (const s of messageStarts) {
      if (/[$#]\{/.test(nameOf(s))) problems.invalid(s, `the message name '${nameOf(s)}' of a message start event cannot be an expression`);
    }
    checkUnique(messageStarts, 'message start event', problems);
    return;
  }
  const what = scope.eventSubProcess ? 'an event subprocess' : 'an embedded subprocess';
  if (starts.length === 0) problems.invalid(scope.el, `${what} needs a start event`);
  for (const s of starts.slice(1)) problems.invalid(s, `multiple start events are not supported in ${what}`);
}

/** Event subprocesses of each scope and boundary events of each activity listen together. */
export function checkMessageNames(contents: ProcessContents, problems: Problems): void {
  const groups = new Map<unknown, ModdleElement[]>();
  const add = (key: unknown, el: ModdleElement) => groups.set(key, [...(groups.get(key) ?? []), el]);
  for (const { el, scope } of contents.nodes) {
    if (triggerKind(el) !== 'message') continue;
    if (el.$type === 'bpmn:StartEvent' && scope.eventSubProcess) add(scope.el.$parent, el);
    if (el.$type === 'bpmn:BoundaryEvent' && one(el, 'attachedToRef')) add(one(el, 'attachedToRef'), el);
  }
  for (const events of groups.values()) checkUnique(events, 'message event in the same scope', problems);
}

function nameOf(event: ModdleElement): string {
  const [def] = list(event, 'eventDefinitions');
  return def ? messageName(def) : '';
}

function checkUnique(events: ModdleElement[], what: string, problems: Problems): void {
  const seen = new Map<string, ModdleElement>();
  for (const e of events) {
    const name = nameOf(e);
    const first = seen.get(name);
    if (!name) continue;
    if (first) problems.invalid(e, `another ${what} ('${first.id}') already subscribes to the message '${name}'`);
    else seen.set(name, e);
  }
}
