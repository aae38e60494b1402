import type { BpmnProblem } from '../model/graph.js';
import { describe, type ModdleElement } from './moddle.js';

/** Collects every problem of a model, so that a deployment is refused with all of them at once. */
export class Problems {
  readonly list: BpmnProblem[] = [];

  /** The model is invalid at `el` (a structural error, as Camunda's parser reports it). */
  invalid(el: ModdleElement, message: string): void {
    this.list.push(problemAt(el, `${describe(el)}: ${message}`));
  }

  /**
   * `el` uses something outside the supported subset. `elementType` names what is unsupported:
   * the element's own type, an event definition's or an extension element's type.
   */
  unsupported(el: ModdleElement, what: string, elementType: string = el.$type): void {
    this.list.push({ ...problemAt(el, `${describe(el)}: ${what} is not supported`), elementType });
  }
}

function problemAt(el: ModdleElement, message: string): BpmnProblem {
  return el.id ? { message, mainElementId: el.id, elementIds: [el.id] } : { message, elementIds: [] };
}
