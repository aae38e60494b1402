/**
 * The moddle element tree as the checker and compiler read it: a loose structural type and a few
 * accessors, so that no other file needs to know how moddle stores attributes, references and
 * expression bodies.
 */

export interface ModdleElement {
  readonly $type: string;
  readonly $parent?: ModdleElement;
  readonly $descriptor: {
    readonly propertiesByName: Record<string, { readonly ns: { readonly prefix: string; readonly localName: string } } | undefined>;
  };
  $instanceOf(type: string): boolean;
  readonly id?: string;
  readonly name?: string;
  readonly [key: string]: unknown;
}

export function isElement(v: unknown): v is ModdleElement {
  return typeof v === 'object' && v !== null && typeof (v as { $type?: unknown }).$type === 'string';
}

/** A string attribute, or undefined when absent (moddle defaults are not "set"). */
export function str(el: ModdleElement, prop: string): string | undefined {
  const v = el[prop];
  return typeof v === 'string' ? v : undefined;
}

/** A boolean attribute with its (moddle or Camunda) default. */
export function bool(el: ModdleElement, prop: string, fallback: boolean): boolean {
  const v = el[prop];
  return typeof v === 'boolean' ? v : fallback;
}

/** A many-valued property (child elements or references). */
export function list(el: ModdleElement, prop: string): ModdleElement[] {
  const v = el[prop];
  return Array.isArray(v) ? v.filter(isElement) : [];
}

/** A single child element or resolved reference. */
export function one(el: ModdleElement, prop: string): ModdleElement | undefined {
  const v = el[prop];
  return isElement(v) ? v : undefined;
}

/** The trimmed body of an expression child (`<bpmn:timeDuration>PT5M</…>`), undefined when empty. */
export function body(el: ModdleElement | undefined): string | undefined {
  if (!el) return undefined;
  const text = str(el, 'body')?.trim();
  return text ? text : undefined;
}

/** The attributes and children explicitly present on the element (moddle keeps defaults elsewhere). */
export function ownProperties(el: ModdleElement): string[] {
  return Object.keys(el).filter((k) => !k.startsWith('$'));
}

/** The namespace prefix of a property, e.g. `camunda` for `camunda:assignee`. */
export function propertyPrefix(el: ModdleElement, prop: string): string | undefined {
  return el.$descriptor.propertiesByName[prop]?.ns.prefix;
}

/** Children of `<bpmn:extensionElements>`. */
export function extensionValues(el: ModdleElement): ModdleElement[] {
  const ext = one(el, 'extensionElements');
  return ext ? list(ext, 'values') : [];
}

/** `'Task_1' (bpmn:UserTask)` — how problems name an element. */
export function describe(el: ModdleElement): string {
  return `'${el.id ?? '?'}' (${el.$type})`;
}
