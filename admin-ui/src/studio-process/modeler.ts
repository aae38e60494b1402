/**
 * The bpmn-js Modeler as the modeler page uses it: Camunda moddle and behaviours, the properties
 * panel with the Camunda 7 provider and ours (crmFormProvider.ts), bpmnlint (lint-config.ts); and
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
  open(xml: string): Promise<void>;
  xml(): Promise<string>;
  fit(): void;
  /** Select the element and bring it into view (nothing when it does not exist). */
  select(elementId: string): void;
  /** Mark these elements as refused by the server (replacing the previous marks). */
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
}
interface Overlays {
  add(element: unknown, type: string, overlay: { position: { top?: number; left?: number; right?: number }; html: HTMLElement }): string;
  remove(filter: { type: string }): void;
}

const SERVER_PROBLEM = 'sp-server-problem';

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
  onLint(issues: LintIssue[]): void;
  onChanged(): void;
}): Promise<ModelerHandle> {
  const { panelModules } = await import('./panel-modules.js');
  const modeler = new Modeler({
    container: opts.canvas,
    propertiesPanel: { parent: opts.panel },
    additionalModules: [...panelModules, camundaBehaviors, lintModule],
    moddleExtensions: { camunda: camundaModdle },
    linting: { bpmnlint: bpmnlintConfig, active: true },
    crmForms: opts.crmForms,
  } as ConstructorParameters<typeof Modeler>[0]);
  const get = <T>(name: string) => modeler.get<T>(name);
  const registry = () => get<{ get(id: string): { id: string } | undefined }>('elementRegistry');
  let marked: string[] = [];

  modeler.on('linting.completed', (event: { issues: Record<string, { message: string; rule: string; category: string }[]> }) => {
    opts.onLint(
      Object.entries(event.issues).flatMap(([elementId, list]) =>
        list.map((i) => ({ elementId, message: i.message, rule: i.rule, severity: i.category === 'error' || i.category === 'rule-error' ? ('error' as const) : ('warning' as const) })),
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
      const element = registry().get(elementId);
      if (!element) return;
      get<{ select(e: unknown): void }>('selection').select(element);
      get<Canvas>('canvas').scrollToElement(element);
    },
    markProblems(problems) {
      const canvas = get<Canvas>('canvas');
      const overlays = get<Overlays>('overlays');
      for (const id of marked) if (registry().get(id)) canvas.removeMarker(id, SERVER_PROBLEM);
      overlays.remove({ type: SERVER_PROBLEM });
      marked = [];
      const byElement = new Map<string, string[]>();
      for (const p of problems) if (registry().get(p.elementId)) byElement.set(p.elementId, [...(byElement.get(p.elementId) ?? []), p.message]);
      for (const [id, messages] of byElement) {
        canvas.addMarker(id, SERVER_PROBLEM);
        const badge = document.createElement('span');
        badge.className = 'sp-problem-badge';
        badge.textContent = '!';
        badge.title = messages.join('\n');
        badge.setAttribute('data-problem-for', id);
        overlays.add(id, SERVER_PROBLEM, { position: { top: -10, left: -10 }, html: badge });
        marked.push(id);
      }
    },
    destroy: () => modeler.destroy(),
  };
}
