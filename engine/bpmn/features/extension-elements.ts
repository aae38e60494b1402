/**
 * Children of `<bpmn:extensionElements>`. camunda:properties carry no execution semantics and are
 * accepted everywhere; camunda:inputOutput is checked by input-output.ts; the element kind lists
 * the rest it executes (camunda:in/out). Listeners, form data, connectors, field injection, retry
 * cycles and foreign extensions (e.g. zeebe:*) are refused.
 */
import { extensionValues, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';

const EVERYWHERE = ['camunda:Properties', 'camunda:InputOutput'];

export function checkExtensionElements(el: ModdleElement, allowed: readonly string[], problems: Problems, host: ModdleElement = el): void {
  for (const ext of extensionValues(el)) {
    if (EVERYWHERE.includes(ext.$type) || allowed.includes(ext.$type)) continue;
    problems.unsupported(host, `extension element ${tagName(ext.$type)}`, ext.$type);
  }
}

/** `camunda:ExecutionListener` → `camunda:executionListener`, as written in the XML. */
function tagName(type: string): string {
  const [prefix, local] = type.includes(':') ? type.split(':', 2) : ['', type];
  const tag = local.charAt(0).toLowerCase() + local.slice(1);
  return prefix ? `${prefix}:${tag}` : tag;
}
