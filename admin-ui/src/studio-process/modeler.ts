/**
 * The bpmn-js Modeler as the modeler page uses it: Camunda moddle and behaviours, the properties
 * panel with the Camunda 7 provider and ours (crmFormProvider.ts), bpmnlint (lint-config.ts), the
 * UI's language (translate/); and
 * the few operations the page needs (open, save, fit, select, mark the server's problems).
 */
import modelerModule from 'bpmn-js/lib/Modeler.js';
import camundaBehaviors from 'camunda-bpmn-js-behaviors/lib/camunda-platform/index.js';
import camundaModdle from 'camunda-bpmn-moddle/resources/camunda.json' with { type: 'json' };
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import type { CrmFormsConfig } from './crmFormProvider.js';
import { bpmnlintConfig, lintModule } from './lint-modules.js';
import { translationFor } from './translate/index.js';

// bpmn-js ships ES modules without "type": "module": TypeScript (NodeNext) sees its default export
// one level down, the bundler where it is (as in process/BpmnDiagram.tsx).
const Modeler = ('default' in modelerModule ? modelerModule.default : modelerModule) as typeof modelerModule.default;

export interface LintIssue {
  elementId: string;
  message: string;
  rule: string;
  severity: 'error' | 'warning';
}

export interface ModelerHandle {
  /** Show `xml` (rejects — the diagram as it was — when bpmn-js cannot read it). */
  open(xml: string): Promise<void>;
  xml(): Promise<string>;
  fit(): void;
  /** Select the element and bring it into view (nothing when it does not exist). */
  select(elementId: string): void;
  /**
   * Mark these elements as refused by the server (replacing the previous marks). A process id
   * marks its pool, or — the process being the diagram itself — the canvas, with its badge there.
   */
  markProblems(problems: { elementId: string; message: string }[]): void;
  destroy(): void;
}

interface Viewbox {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  zoom(level: 'fit-viewport', center: 'auto'): void;
  viewbox(box?: Viewbox): Viewbox & { outer: { width: number; height: number } };
  addMarker(element: unknown, marker: string): void;
  removeMarker(element: unknown, marker: string): void;
  scrollToElement(element: unknown): void;
  getRootElement(): { id: string };
}
interface Shape {
  id: string;
  businessObject?: { id?: string; processRef?: { id: string } };
}
interface Overlays {
  add(element: unknown, type: string, overlay: { position: { top?: number; left?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}

const SERVER_PROBLEM = 'sp-server-problem';
const ROOT_BADGE = 'sp-problem-badge-root';

/** Room left of the diagram for the palette, in screen pixels. */
const PALETTE_ROOM = 110;

/** The whole diagram in view, right of the palette (bpmn-js's fit-viewport would put its start under it). */
function fitBesidePalette(canvas: Canvas): void {
  canvas.zoom('fit-viewport', 'auto');
  const box = canvas.viewbox();
  if (box.outer.width <= PALETTE_ROOM * 2) return;
  const grow = box.outer.width / (box.outer.width - PALETTE_ROOM);
  const width = box.width * grow;
  const height = box.height * grow;
  canvas.viewbox({ x: box.x - (width - box.width), y: box.y - (height - box.height) / 2, width, height });
}

/** The modeler with its panel and lint modules (each a chunk of its own, loaded here). */
export async function createModeler(opts: {
  canvas: HTMLElement;
  panel: HTMLElement;
  crmForms: CrmFormsConfig;
  /** The UI's language: bpmn-js and the properties panel speak it (translate/). */
  locale: string;
  onLint(issues: LintIssue[]): void;
  onChanged(): void;
}): Promise<ModelerHandle> {
  const [{ panelModules }, translation] = await Promise.all([import('./panel-modules.js'), translationFor(opts.locale)]);
  const modeler = new Modeler({
    container: opts.canvas,
    propertiesPanel: { parent: opts.panel },
    additionalModules: [...panelModules, camundaBehaviors, lintModule, ...translation],
    moddleExtensions: { camunda: camundaModdle },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    crmForms: opts.crmForms,
  } as ConstructorParameters<typeof Modeler>[0]);
  const get = <T>(name: string) => modeler.get<T>(name);
  const registry = () => get<{ get(id: string): Shape | undefined; filter(fn: (e: Shape) => boolean): Shape[] }>('elementRegistry');
  /** The diagram element of an id: the element, or the pool of a process. */
  const shapeOf = (id: string): Shape | undefined => registry().get(id) ?? registry().filter((e) => e.businessObject?.id === id || e.businessObject?.processRef?.id === id)[0];
  const isRoot = (shape: Shape) => shape.id === get<Canvas>('canvas').getRootElement().id;
  let marked: Shape[] = [];

  modeler.on('linting.completed', (event: { issues: Record<string, { message: string; rule: string; category: string }[]> }) => {
    // In the UI's language, as bpmn-js-bpmnlint's own overlays say them
    const translate = get<(text: string) => string>('translate');
    opts.onLint(
      Object.entries(event.issues).flatMap(([elementId, list]) =>
        list.map((i) => ({ elementId, message: translate(i.message), rule: i.rule, severity: i.category === 'error' || i.category === 'rule-error' ? ('error' as const) : ('warning' as const) })),
      ),
    );
  });
  modeler.on('commandStack.changed', () => opts.onChanged());

  return {
    async open(xml) {
      await modeler.importXML(xml);
      fitBesidePalette(get<Canvas>('canvas'));
    },
    async xml() {
      const { xml } = await modeler.saveXML({ format: true });
      return xml ?? '';
    },
    fit: () => fitBesidePalette(get<Canvas>('canvas')),
    select(elementId) {
      const element = shapeOf(elementId);
      if (!element) return;
      // The process of a diagram without pools is the canvas: selecting nothing shows it in the panel.
      get<{ select(e: unknown): void }>('selection').select(isRoot(element) ? null : element);
      if (!isRoot(element)) get<Canvas>('canvas').scrollToElement(element);
    },
    markProblems(problems) {
      const canvas = get<Canvas>('canvas');
      const overlays = get<Overlays>('overlays');
      for (const shape of marked) if (registry().get(shape.id) && !isRoot(shape)) canvas.removeMarker(shape, SERVER_PROBLEM);
      overlays.remove({ type: SERVER_PROBLEM });
      opts.canvas.classList.remove(SERVER_PROBLEM);
      opts.canvas.querySelector(`:scope > .${ROOT_BADGE}`)?.remove();
      marked = [];
      const byElement = new Map<string, { shape: Shape; messages: string[] }>();
      for (const p of problems) {
        const shape = shapeOf(p.elementId);
        if (shape) byElement.set(p.elementId, { shape, messages: [...(byElement.get(p.elementId)?.messages ?? []), p.message] });
      }
      for (const [id, { shape, messages }] of byElement) {
        const badge = document.createElement('span');
        badge.className = 'sp-problem-badge';
        badge.textContent = '!';
        badge.title = messages.join('\n');
        badge.setAttribute('data-problem-for', id);
        if (isRoot(shape)) {
          opts.canvas.classList.add(SERVER_PROBLEM);
          badge.classList.add(ROOT_BADGE);
          badge.textContent = `! ${id}`;
          opts.canvas.append(badge);
        } else {
          canvas.addMarker(shape, SERVER_PROBLEM);
          overlays.add(shape, SERVER_PROBLEM, { position: { top: -10, left: -10 }, html: badge });
        }
        marked.push(shape);
      }
    },
    destroy: () => modeler.destroy(),
  };
}
