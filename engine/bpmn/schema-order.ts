/**
 * Child elements as the BPMN 2.0 schema sequences them. Camunda/Operaton validate every model
 * against the XSD before parsing it, so an element out of its sequence (an event definition before
 * `outgoing`, `extensionElements` after `incoming`, a second `extensionElements`, two timer values)
 * or a required one missing (a diagram's plane, a shape's bounds) refuses the deployment, while
 * bpmn-moddle reads anything. The sequences are bpmn-moddle's descriptors (`schema-sequences.ts`).
 * Problems read as Xerces writes them, at Xerces' position (after the offending start tag; after
 * the end tag for missing content) and with no element id — what Operaton answers, found by the
 * conformance suite (tf-schema-order). Like Xerces, one problem per parent. Elements outside the
 * BPMN, DI and DC namespaces (`camunda:*`, extension content) and the content of `documentation`
 * and `extensionElements` are not checked here.
 */
import type { BpmnProblem } from '../model/graph.js';
import { descriptorOf, sequenceOf, SIMPLE_TYPES, type ModdleRegistry, type Slot } from './schema-sequences.js';
import { scanElements, type ScannedElement } from './xml-scan.js';

const SCHEMA_PACKAGES = new Set(['bpmn', 'bpmndi', 'di', 'dc']);
/** Their content is open (any element): not checked. */
const OPEN = new Set(['bpmn:Documentation', 'bpmn:ExtensionElements']);

export function checkSchemaOrder(xml: string, moddle: ModdleRegistry): BpmnProblem[] {
  const problems: BpmnProblem[] = [];
  const visit = (el: ScannedElement, type: string | undefined) => {
    const slots = type === undefined ? undefined : sequenceOf(moddle, type);
    let failed = false;
    let last: Slot | undefined;
    for (const child of el.children) {
      const resolved = type === undefined ? undefined : resolveChild(moddle, type, child);
      if (slots && resolved && !failed) {
        const slot = slots.find((s) => s.property === resolved.property);
        if (!slot || !fits(slots, last, slot)) {
          problems.push(invalidContent(child, expected(slots, last)));
          failed = true;
        }
        last = slot;
      }
      visit(child, resolved?.type);
    }
    if (slots && !failed && pendingRequired(slots, last)) {
      const missing = `The content of element '${el.name}' is not complete.`;
      problems.push({ message: `cvc-complex-type.2.4.b: ${missing} One of '{${expected(slots, last).map(qname).join(', ')}}' is expected.`, line: el.closeLine, column: el.closeColumn, elementIds: [] });
    }
  };
  const root = scanElements(xml);
  if (root && moddle.getPackage(root.uri)?.prefix === 'bpmn' && root.local === 'definitions') visit(root, 'bpmn:Definitions');
  return problems;
}

/** Whether `slot` may follow `last`: later in the sequence (no required element skipped), or the same repeatable element again. */
function fits(slots: Slot[], last: Slot | undefined, slot: Slot): boolean {
  if (last && (slot.rank < last.rank || (slot.rank === last.rank && !(slot.many && slot === last)))) return false;
  const required = pendingRequired(slots, last);
  return !required || slot.rank <= required.rank;
}

function pendingRequired(slots: Slot[], last: Slot | undefined): Slot | undefined {
  return slots.find((s) => s.required && s.rank > (last?.rank ?? -1));
}

/** What may come after `last`, as Xerces lists it: the same element if repeatable, then the sequence up to the first required one. */
function expected(slots: Slot[], last: Slot | undefined): Slot['element'][] {
  const next = last?.many ? [last] : [];
  for (const s of slots) {
    if (s.rank <= (last?.rank ?? -1)) continue;
    next.push(s);
    if (s.required) break;
  }
  return next.map((s) => s.element);
}

/** cvc-complex-type.2.4.a (elements may follow) or 2.4.d (none may; the element named as written), after the child's start tag. */
function invalidContent(child: ScannedElement, next: Slot['element'][]): BpmnProblem {
  const message = next.length
    ? `cvc-complex-type.2.4.a: Invalid content was found starting with element '{${qname(child)}}'. One of '{${next.map(qname).join(', ')}}' is expected.`
    : `cvc-complex-type.2.4.d: Invalid content was found starting with element '${child.name}'. No child element is expected at this point.`;
  return { message, line: child.endLine, column: child.endColumn, elementIds: [] };
}

const qname = (e: { uri: string; local: string }) => `"${e.uri}":${e.local}`;

/** The property a child element fills and the moddle type whose sequence its own children follow, found as moddle-xml's reader finds them. */
function resolveChild(moddle: ModdleRegistry, parentType: string, child: ScannedElement): { property: string; type: string | undefined } | undefined {
  const pkg = moddle.getPackage(child.uri);
  const descriptor = descriptorOf(moddle, parentType);
  if (!pkg || !SCHEMA_PACKAGES.has(pkg.prefix) || !descriptor) return undefined;
  const named = descriptor.propertiesByName[`${pkg.prefix}:${child.local}`];
  if (named && !named.isAttr) {
    const leaf = named.isReference || SIMPLE_TYPES.has(named.type) || OPEN.has(named.type);
    return { property: named.ns.name, type: leaf ? undefined : named.type };
  }
  const typeName = `${pkg.prefix}:${pkg.xml?.tagAlias === 'lowerCase' ? child.local.charAt(0).toUpperCase() + child.local.slice(1) : child.local}`;
  let elementType: { hasType(type: string): boolean };
  try {
    elementType = moddle.getType(typeName);
  } catch {
    return undefined; // no schema element: moddle reports it
  }
  const property = descriptor.properties.find((p) => !p.isVirtual && !p.isReference && !p.isAttr && elementType.hasType(p.type));
  return property ? { property: property.ns.name, type: OPEN.has(typeName) ? undefined : typeName } : undefined;
}
