/**
 * BPMN XML → moddle tree, with bpmn-moddle and the Camunda 7 extensions. Operaton's namespace is
 * mapped onto the Camunda package (the two schemas are the same), so `operaton:assignee` and
 * `camunda:assignee` read identically. Everything moddle only warns about (unknown elements and
 * attributes, unresolved references, duplicate ids) comes back as problems, and so do child elements
 * out of the order the BPMN schema requires (`schema-order.ts`): the caller refuses the model on any
 * of them.
 */
import { createRequire } from 'node:module';
import { BpmnModdle, type ModdleWarning } from 'bpmn-moddle';
import type { BpmnProblem } from '../model/graph.js';
import type { ModdleElement } from './moddle.js';
import { checkSchemaOrder } from './schema-order.js';

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
export const OPERATON_NS = 'http://operaton.org/schema/1.0/bpmn';

/** The XML could not be read as BPMN definitions at all. */
export class BpmnParseError extends Error {
  constructor(readonly problems: BpmnProblem[]) {
    super(problems.map((p) => p.message).join('\n'));
    this.name = 'BpmnParseError';
  }
}

let moddle: BpmnModdle | undefined;

function bpmnModdle(): BpmnModdle {
  if (!moddle) {
    const camunda: unknown = createRequire(import.meta.url)('camunda-bpmn-moddle/resources/camunda.json');
    moddle = new BpmnModdle({ camunda }, { nsMap: { [OPERATON_NS]: 'camunda' } });
  }
  return moddle;
}

export async function parseBpmn(xml: string): Promise<{ definitions: ModdleElement; warnings: BpmnProblem[] }> {
  try {
    const result = await bpmnModdle().fromXML(xml);
    // Schema problems first, as Camunda validates against the XSD before it parses.
    const warnings = [...checkSchemaOrder(xml, bpmnModdle()), ...result.warnings.map(warningProblem)];
    return { definitions: result.rootElement as ModdleElement, warnings };
  } catch (err) {
    const e = err as Error & { warnings?: ModdleWarning[] };
    throw new BpmnParseError([textProblem(e.message), ...(e.warnings ?? []).map(warningProblem)]);
  }
}

/** `unparsable content <x> detected\n\tline: 4\n\tcolumn: 2\n\tnested error: …` (0-based). */
const UNPARSABLE = /^unparsable content ([\s\S]*?)\s*detected\s+line: (\d+)\s+column: (\d+)\s+nested error: ([\s\S]*)$/;

function textProblem(message: string): BpmnProblem {
  const m = UNPARSABLE.exec(message);
  if (!m) return { message, elementIds: [] };
  const [, content, line, column, nested] = m;
  const duplicate = /^duplicate ID <(.*)>$/.exec(nested);
  const at = `line ${Number(line) + 1}, column ${Number(column) + 1}`;
  return {
    message: `Unparsable content${content.trim() ? ` ${content.trim()}` : ''} at ${at}: ${nested}`,
    line: Number(line) + 1,
    column: Number(column) + 1,
    ...(duplicate ? { mainElementId: duplicate[1] } : {}),
    elementIds: duplicate ? [duplicate[1]] : [],
  };
}

function warningProblem(w: ModdleWarning): BpmnProblem {
  const el = w.element;
  if (!el) return textProblem(w.message);
  const where = `'${el.id ?? '?'}' (${el.$type ?? '?'})`;
  const ids = el.id ? { mainElementId: el.id, elementIds: [el.id] } : { elementIds: [] };
  if (w.message.startsWith('unresolved reference')) {
    return { message: `${where}: unresolved reference '${w.value}' in ${w.property}`, ...ids };
  }
  if (w.message.startsWith('unknown attribute')) {
    return { message: `${where}: unknown attribute '${w.property}'`, ...ids };
  }
  return { message: `${where}: ${w.message}`, ...ids };
}
