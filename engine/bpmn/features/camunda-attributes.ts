/**
 * camunda:* attributes. Each element kind lists the ones it executes; any other camunda attribute
 * present on the element (camunda:class, camunda:jobPriority, camunda:errorCodeVariable, …) has
 * semantics this engine would silently drop, so it is refused.
 */
import { ownProperties, propertyPrefix, type ModdleElement } from '../moddle.js';
import type { Problems } from '../problems.js';

/** Modeler element-template bookkeeping: no runtime meaning anywhere. */
const EVERYWHERE = ['modelerTemplate', 'modelerTemplateVersion'];

/** Async continuations, accepted on every flow node (`camunda:async` is the old asyncBefore). */
export const ASYNC_ATTRIBUTES = ['async', 'asyncBefore', 'asyncAfter', 'exclusive'];

/**
 * Refuses camunda attributes of `el` not in `allowed`. `host` is the flow node reported (the
 * element itself, or the node owning a loop characteristic / event definition).
 */
export function checkCamundaAttributes(el: ModdleElement, allowed: readonly string[], problems: Problems, host: ModdleElement = el): void {
  for (const prop of ownProperties(el)) {
    if (propertyPrefix(el, prop) !== 'camunda') continue;
    const local = prop.replace(/^camunda:/, '');
    if (allowed.includes(local) || EVERYWHERE.includes(local)) continue;
    const on = el === host ? '' : ` on its ${el.$type}`;
    problems.unsupported(host, `attribute camunda:${local}${on}`, host.$type);
  }
}
