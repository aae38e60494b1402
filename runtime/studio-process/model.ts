/**
 * The modeler's checks of a model (docs/studio.md, "Process modeler"): the engine's deploy checks,
 * our form registry, and the process ids against the deployed processes — which process the page
 * deploys a version of (its target), so a model does not silently become the next version of
 * another process. And the empty model a new process starts from.
 */
import { deployableProcesses, locateProblems, type BpmnProblem } from '../../engine/index.js';
import { FORM_KEY_PREFIX, formIdOfKey, type FormRegistry } from '../../forms/index.js';
import { issueMessage, type IssueCode, type IssueParams, type IssueText } from '../../metadata/index.js';
import { AppError, type FieldError } from '../errors.js';

/**
 * One problem of a model, as the modeler shows it: on the element (when known) and in the list.
 * Ours carry a code and params (the route words them in the request's language); the engine's
 * parse and deploy problems are its own English text.
 */
export interface ModelProblem {
  message: string;
  code?: IssueCode;
  params?: IssueParams;
  elementId: string | null;
  elementIds: string[];
  line: number | null;
  column: number | null;
}

/**
 * What the page deploys: a new version of the process it opened (`processKey`), or a new process
 * (`newProcess`: its key must not be deployed yet). Without a target (API callers) every process
 * id of the model is a version of whatever has that key — deploying under an existing key is how
 * versions are made.
 */
export interface DeployTarget {
  processKey: string;
  newProcess: boolean;
}

/** A new process's key: a letter, then letters, digits, `-` or `_` (an XML id, and a readable URL). */
export const PROCESS_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_-]{1,63}$/;

/** A problem of ours: what is wrong (code, params, its English message) on its process element or task. */
type OurProblem = BpmnProblem & IssueText;
const ourProblem = (elementId: string, text: IssueText): OurProblem => ({ message: issueMessage(text), ...text, mainElementId: elementId, elementIds: [elementId] });

const toModelProblem = (p: BpmnProblem & Partial<IssueText>): ModelProblem => ({
  message: p.message,
  ...(p.code ? { code: p.code, ...(p.params ? { params: p.params } : {}) } : {}),
  elementId: p.mainElementId ?? p.elementIds[0] ?? null,
  elementIds: p.elementIds,
  line: p.line ?? null,
  column: p.column ?? null,
});

/** A field error of the modeler's input, coded: the HTTP edge words it in the request's language. */
export const inputError = (path: string, text: IssueText): FieldError => ({ path, message: issueMessage(text), ...text });

const invalid = (path: string, text: IssueText): never => {
  const error = inputError(path, text);
  throw new AppError('validation-failed', `${path.slice(1)} ${error.message}`, [error]);
};

/** `processKey` and `newProcess` of a validate or deploy body: the target, or null when absent. */
export function targetOf(body: Record<string, unknown>): DeployTarget | null {
  const { processKey, newProcess } = body;
  if (newProcess !== undefined && typeof newProcess !== 'boolean') invalid('/newProcess', { code: 'process-new-not-boolean' });
  if (processKey === undefined) return newProcess ? invalid('/processKey', { code: 'process-key-required' }) : null;
  if (typeof processKey !== 'string' || processKey === '') return invalid('/processKey', { code: 'process-key-not-target' });
  if (newProcess && !PROCESS_KEY_PATTERN.test(processKey)) return invalid('/processKey', { code: 'process-key-pattern', params: { pattern: PROCESS_KEY_PATTERN.source } });
  return { processKey, newProcess: newProcess === true };
}

/**
 * The model's processes that would land on a deployed process the page did not open: an id equal
 * to another deployed process's key (it would become that process's next version), or — for a new
 * process — to any deployed key. Each named by its process element.
 */
function clashes(processes: { key: string }[], target: DeployTarget, deployed: Map<string, string | null>): OurProblem[] {
  return processes.flatMap(({ key }) => {
    if (!deployed.has(key) || (!target.newProcess && key === target.processKey)) return [];
    const params = { key, other: deployed.get(key) ?? key };
    return [ourProblem(key, { code: target.newProcess && key === target.processKey ? 'process-id-taken' : 'process-id-of-other', params })];
  });
}

/**
 * What deploying `xml` would create, or every problem: the embedded engine's deploy checks (parse,
 * XSD child order, duplicate ids, the supported subset, expressions — the same code its deployer
 * runs), plus ours: at least one executable process, every `crm:` formKey naming a registered
 * form, a history time to live on each process (Operaton requires it), and (with a target) no process id landing on another deployed process. A remote Operaton
 * accepts more than the embedded engine, so passing here means it deploys there.
 */
export async function checkModel(
  xml: string,
  forms: FormRegistry,
  target: DeployTarget | null,
  deployed: () => Promise<Map<string, string | null>>,
): Promise<{ processes: { key: string; name: string | null }[]; problems: ModelProblem[] }> {
  const { processes, problems } = await deployableProcesses(xml);
  if (problems.length) return { processes: [], problems: problems.map(toModelProblem) };
  if (processes.length === 0) {
    const text: IssueText = { code: 'process-not-executable' };
    return { processes: [], problems: [{ message: issueMessage(text), ...text, elementId: null, elementIds: [], line: null, column: null }] };
  }
  const ours: OurProblem[] = processes.flatMap((p) =>
    Object.values(p.nodes).flatMap((n) => {
      const key = n.userTask?.formKey;
      if (!key?.startsWith(FORM_KEY_PREFIX)) return [];
      const id = formIdOfKey(key);
      return id !== null && forms.get(id) ? [] : [ourProblem(n.id, { code: 'process-form-unknown', params: { formKey: key } })];
    }),
  );
  // Operaton refuses a process without a history time to live (its enforceTTL default), the embedded engine does not: ask for it here.
  for (const p of processes)
    if (!p.historyTimeToLive)
      ours.push(ourProblem(p.key, { code: 'process-no-history-ttl', params: { process: p.key } }));
  if (target) ours.push(...clashes(processes, target, await deployed()));
  if (ours.length) return { processes: [], problems: locateProblems(xml, ours).map(toModelProblem) };
  return { processes: processes.map((p) => ({ key: p.key, name: p.name ?? null })), problems: [] };
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `{key, name}` of a new process: the key's pattern and a name (400 naming the field). */
export function newProcessInput(body: Record<string, unknown>): { key: string; name: string } {
  const { key, name } = body;
  const errors: FieldError[] = [];
  if (typeof key !== 'string' || !PROCESS_KEY_PATTERN.test(key)) errors.push(inputError('/key', { code: 'process-key-format', params: { pattern: PROCESS_KEY_PATTERN.source } }));
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) errors.push(inputError('/name', { code: 'process-name-format' }));
  if (errors.length) throw new AppError('validation-failed', 'the new process needs a key and a name', errors);
  return { key: key as string, name: (name as string).trim() };
}

/** An empty executable process: a start event (named, as the modelling rules want), ready for the palette. Its history kept a year, as the shipped ones. */
export function emptyProcessXml(key: string, name: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_${key}" targetNamespace="http://crm/processes">
  <bpmn:process id="${key}" name="${xmlText(name)}" isExecutable="true" camunda:historyTimeToLive="365">
    <bpmn:startEvent id="StartEvent_1" name="Start" />
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${key}">
      <bpmndi:BPMNShape id="StartEvent_1_di" bpmnElement="StartEvent_1">
        <dc:Bounds x="180" y="160" width="36" height="36" />
      </bpmndi:BPMNShape>
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}
