/**
 * camunda:inputOutput: input/output parameters whose value is text (a constant or `${…}`), a
 * camunda:list, a camunda:map or nothing (null). Script values are refused. Where Camunda refuses
 * the mapping (start and boundary events, gateways, event subprocesses; outputs on end events and
 * multi-instance activities) it is refused here too.
 */
import type { IoParam, ParamValue } from '../../model/graph.js';
import { extensionValues, list, one, str, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';

/** What an element kind allows: both, inputs only (end events), or none. */
export type IoSupport = 'inputOutput' | 'inputOnly' | 'none';

function inputOutputOf(el: ModdleElement): ModdleElement | undefined {
  return extensionValues(el).find((e) => e.$type === 'camunda:InputOutput');
}

export function checkInputOutput(el: ModdleElement, support: IoSupport, multiInstance: boolean, problems: Problems): void {
  const io = inputOutputOf(el);
  if (!io) return;
  if (support === 'none') {
    problems.unsupported(el, `camunda:inputOutput on a ${el.$type}`, 'camunda:InputOutput');
    return;
  }
  if (one(io, 'connectorId') || one(io, 'inputOutput')) problems.unsupported(el, 'a connector inside camunda:inputOutput', 'camunda:Connector');
  const outputs = list(io, 'outputParameters');
  if (outputs.length > 0 && (support === 'inputOnly' || multiInstance)) {
    const why = multiInstance ? 'a multi-instance activity' : `a ${el.$type}`;
    problems.invalid(el, `camunda:outputParameter is not allowed on ${why}`);
  }
  for (const param of [...list(io, 'inputParameters'), ...outputs]) {
    if (!str(param, 'name')) problems.invalid(el, `a ${param.$type} has no name`);
    checkValue(el, param, problems);
  }
}

function checkValue(el: ModdleElement, holder: ModdleElement, problems: Problems): void {
  const def = one(holder, 'definition');
  if (def) checkDefinition(el, def, problems);
}

/** A nested value: camunda:list, camunda:map, camunda:value (list item) or camunda:script. */
function checkDefinition(el: ModdleElement, def: ModdleElement, problems: Problems): void {
  if (def.$type === 'camunda:Script') problems.unsupported(el, 'a camunda:script parameter value', 'camunda:Script');
  else if (def.$type === 'camunda:List') list(def, 'items').forEach((item) => checkDefinition(el, item, problems));
  else if (def.$type === 'camunda:Map') {
    for (const entry of list(def, 'entries')) {
      if (str(entry, 'key') === undefined) problems.invalid(el, 'a camunda:entry has no key');
      checkValue(el, entry, problems);
    }
  }
}

export function compileInputOutput(el: ModdleElement): { inputs: IoParam[]; outputs: IoParam[] } | undefined {
  const io = inputOutputOf(el);
  if (!io) return undefined;
  const params = (prop: string) => list(io, prop).map((p) => ({ name: str(p, 'name') ?? '', value: holderValue(p) }));
  return { inputs: params('inputParameters'), outputs: params('outputParameters') };
}

/** A parameter or map entry: its text content, or its nested list/map. */
function holderValue(holder: ModdleElement): ParamValue {
  const def = one(holder, 'definition');
  return def ? definitionValue(def) : textValue(str(holder, 'value'));
}

function definitionValue(def: ModdleElement): ParamValue {
  if (def.$type === 'camunda:List') return { type: 'list', items: list(def, 'items').map(definitionValue) };
  if (def.$type === 'camunda:Map') {
    return { type: 'map', entries: list(def, 'entries').map((e) => ({ key: str(e, 'key') ?? '', value: holderValue(e) })) };
  }
  return textValue(str(def, 'value')); // camunda:Value
}

/** Camunda trims the text; an empty parameter is null. */
function textValue(text: string | undefined): ParamValue {
  const value = text?.trim();
  return value ? { type: 'text', value } : { type: 'null' };
}
