/**
 * The BPMN 2.0 schema's child sequences, derived from bpmn-moddle's descriptors: a type's
 * containment properties, flattened base type first, are listed in schema order (checked against
 * Operaton's BPMN20.xsd, Semantic.xsd, BPMNDI.xsd, DI.xsd and DC.xsd for every type both know), and
 * `XSD_FIXES` corrects the few places where they are not. Choreographies, conversations and
 * resource roles, which the engine refuses anyway, are left as moddle has them.
 */

/** What the schema sequences need of a moddle instance (bpmn-moddle's `Moddle`). */
export interface ModdleRegistry {
  getPackage(uriOrPrefix: string): { prefix: string; uri: string; xml?: { tagAlias?: string } } | undefined;
  /** Throws for an unknown type name. */
  getType(name: string): { hasType(type: string): boolean };
  getElementDescriptor(type: unknown): unknown;
}

export interface PropertyDescriptor {
  name: string;
  type: string;
  ns: { prefix: string; localName: string; name: string };
  isMany?: boolean;
  isAttr?: boolean;
  isReference?: boolean;
  isVirtual?: boolean;
  isBody?: boolean;
  xml?: { serialize?: string };
  /** The type that declares it. */
  definedBy?: { name: string };
}

export interface Descriptor {
  name: string;
  properties: PropertyDescriptor[];
  propertiesByName: Record<string, PropertyDescriptor | undefined>;
}

/** One place of a type's sequence: the schema element written there. */
export interface Slot {
  /** The moddle property (`bpmn:outgoing`). */
  property: string;
  element: { prefix: string; uri: string; local: string };
  many: boolean;
  /** minOccurs ≥ 1 */
  required: boolean;
  /** The position in the sequence; the elements of one XSD choice share it (one of them, once). */
  rank: number;
}

/**
 * Where the descriptors differ from the schema:
 * - `exclude`: properties that are no schema element; `notIn`: elements a type's schema lacks;
 * - `order`: properties whose schema order differs, wherever they occur together;
 * - `choice`: a type's XSD choice;
 * - `element`: a property whose schema element has another name than the rule in `elementName`;
 * - `many`: a repeatable element moddle declares single; `required`: elements with minOccurs ≥ 1
 *   (`<declaring type>#<property>`: a shape's bounds are required, a label's are not).
 */
const XSD_FIXES = {
  exclude: new Set(['bpmn:extensionDefinitions', 'bpmn:boundaryEventRefs']),
  notIn: { 'bpmn:Definitions': ['bpmn:documentation', 'bpmn:extensionElements'] } as Record<string, string[]>,
  order: [
    ['supportedInterfaceRef', 'ioSpecification', 'ioBinding'],
    ['interfaceRef', 'endPointRefs', 'participantMultiplicity'],
    ['auditing', 'monitoring', 'categoryValueRef', 'dataState'],
    ['dataOutputRefs', 'optionalOutputRefs', 'whileExecutingOutputRefs', 'inputSetRefs'],
    ['source', 'target'],
  ],
  choice: { 'bpmn:TimerEventDefinition': ['timeDate', 'timeDuration', 'timeCycle'] } as Record<string, string[]>,
  element: { 'bpmn:endPointRefs': 'endPointRef', 'bpmn:messageFlowRefs': 'messageFlowRef', 'bpmn:partitionElement': 'partitionElement', 'di:planeElement': 'DiagramElement' } as Record<string, string>,
  many: new Set(['bpmn:conversationAssociations']),
  required: new Set([
    'di:Shape#bounds', 'di:Edge#waypoint', 'bpmndi:BPMNDiagram#plane', 'bpmndi:BPMNLabelStyle#font', 'bpmn:Assignment#from', 'bpmn:Assignment#to',
    'bpmn:DataAssociation#targetRef', 'bpmn:InputOutputSpecification#inputSets', 'bpmn:InputOutputSpecification#outputSets', 'bpmn:Interface#operations',
    'bpmn:Operation#inMessageRef', 'bpmn:ResourceAssignmentExpression#expression', 'bpmn:ResourceParameterBinding#expression',
    'bpmn:ConditionalEventDefinition#condition', 'bpmn:CorrelationProperty#correlationPropertyRetrievalExpression',
    'bpmn:CorrelationPropertyBinding#dataPath', 'bpmn:CorrelationPropertyRetrievalExpression#messagePath',
  ]),
};

/** moddle's built-in value types: written as an element named by the property. */
export const SIMPLE_TYPES = new Set(['String', 'Boolean', 'Integer', 'Real', 'Element']);

export function descriptorOf(moddle: ModdleRegistry, type: string): Descriptor | undefined {
  try {
    return moddle.getElementDescriptor(moddle.getType(type)) as Descriptor;
  } catch {
    return undefined;
  }
}

/** A type's sequence (cached per moddle instance). */
export function sequenceOf(moddle: ModdleRegistry, type: string): Slot[] {
  let byType = caches.get(moddle);
  if (!byType) caches.set(moddle, (byType = new Map()));
  let slots = byType.get(type);
  if (!slots) byType.set(type, (slots = buildSequence(moddle, type)));
  return slots;
}

const caches = new WeakMap<ModdleRegistry, Map<string, Slot[]>>();

function buildSequence(moddle: ModdleRegistry, type: string): Slot[] {
  const notIn = XSD_FIXES.notIn[type] ?? [];
  const properties = reorder(
    (descriptorOf(moddle, type)?.properties ?? []).filter((p) => !p.isAttr && !p.isVirtual && !p.isBody && !XSD_FIXES.exclude.has(p.ns.name) && !notIn.includes(p.ns.name)),
  );
  const choice = XSD_FIXES.choice[type] ?? [];
  let rank = -1;
  return properties.map((p, i) => {
    const inChoice = choice.includes(p.ns.localName);
    if (!(inChoice && i > 0 && choice.includes(properties[i - 1]!.ns.localName))) rank++;
    const element = elementName(moddle, p);
    return {
      property: p.ns.name,
      element,
      many: !inChoice && (!!p.isMany || XSD_FIXES.many.has(p.ns.name)),
      required: XSD_FIXES.required.has(`${p.definedBy?.name}#${p.ns.localName}`),
      rank,
    };
  });
}

/** Applies `XSD_FIXES.order` and the choices' order: the named properties take the schema's order among their own places. */
function reorder(properties: PropertyDescriptor[]): PropertyDescriptor[] {
  const out = [...properties];
  for (const names of [...XSD_FIXES.order, ...Object.values(XSD_FIXES.choice)]) {
    const places = out.map((p, i) => (names.includes(p.ns.localName) ? i : -1)).filter((i) => i >= 0);
    if (places.length !== names.length) continue;
    const sorted = places.map((i) => out[i]!).sort((a, b) => names.indexOf(a.ns.localName) - names.indexOf(b.ns.localName));
    places.forEach((place, k) => (out[place] = sorted[k]!));
  }
  return out;
}

/** The schema element a property is written as: its own name (references, typed and simple values), else its type's element name. */
function elementName(moddle: ModdleRegistry, p: PropertyDescriptor): Slot['element'] {
  const fixed = XSD_FIXES.element[p.ns.name];
  const byName = fixed !== undefined || p.isReference || p.xml?.serialize !== undefined || SIMPLE_TYPES.has(p.type);
  const [prefix, local] = byName ? [p.ns.prefix, fixed ?? p.ns.localName] : (p.type.split(':') as [string, string]);
  const pkg = moddle.getPackage(prefix)!;
  const lower = !byName && pkg.xml?.tagAlias === 'lowerCase';
  return { prefix, uri: pkg.uri, local: lower ? local.charAt(0).toLowerCase() + local.slice(1) : local };
}

/** A type's sequence as `prefix:element` names (`*` repeatable, `!` required, a choice `a|b`) — to compare with the XSD. */
export function schemaSequence(moddle: ModdleRegistry, type: string): string[] {
  const out: string[] = [];
  sequenceOf(moddle, type).forEach((s, i, slots) => {
    const name = `${s.element.prefix}:${s.element.local}${s.many ? '*' : ''}${s.required ? '!' : ''}`;
    if (i > 0 && slots[i - 1]!.rank === s.rank) out[out.length - 1] += `|${name}`;
    else out.push(name);
  });
  return out;
}
