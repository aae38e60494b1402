/**
 * The BPMN deployer: compiles every BPMN resource of a deployment to definition graphs, or refuses
 * the whole deployment with one ParseException that lists every problem of every resource — the
 * message as Camunda writes it (`ENGINE-09005 Could not parse BPMN process. Errors: …`) and the
 * per-resource `details` Camunda Modeler reads to mark elements.
 */
import { deployableProcesses } from '../bpmn/index.js';
import { EngineError, type ParseDetails, type ResourceProblem } from '../errors.js';
import type { BpmnProblem, ProcessGraph } from '../model/graph.js';
import { isBpmnResource, resourceText, type ResourceInput } from './resources.js';

export interface CompiledResource {
  resource: ResourceInput;
  processes: ProcessGraph[];
}

export async function compileBpmnResources(resources: readonly ResourceInput[]): Promise<CompiledResource[]> {
  const compiled: CompiledResource[] = [];
  const details: ParseDetails = {};
  for (const resource of resources) {
    if (!isBpmnResource(resource.name)) continue;
    const { processes, problems } = await deployableProcesses(resourceText(resource.content));
    if (problems.length) details[resource.name] = { errors: problems.map(toResourceProblem), warnings: [] };
    else compiled.push({ resource, processes });
  }
  if (Object.keys(details).length) throw parseException(details);
  checkUniqueKeys(compiled);
  return compiled;
}

function toResourceProblem(p: BpmnProblem): ResourceProblem {
  return { message: describe(p), line: p.line ?? 0, column: p.column ?? 0, mainElementId: p.mainElementId ?? null, elementIds: p.elementIds };
}

/** The problem's message, made to name the element's id and type when it is about an unsupported element. */
function describe(p: BpmnProblem): string {
  const id = p.mainElementId;
  if (!p.elementType || !id || (p.message.includes(id) && p.message.includes(p.elementType))) return p.message;
  return `${p.message} (element '${id}' of type ${p.elementType})`;
}

function parseException(details: ParseDetails): EngineError {
  const lines: string[] = [];
  for (const [resource, report] of Object.entries(details)) {
    for (const e of report.errors) {
      lines.push(`* ${e.message} | resource ${resource}${e.line > 0 ? ` | line ${e.line}` : ''}${e.column > 0 ? ` | column ${e.column}` : ''}`);
    }
  }
  return new EngineError('ParseException', 400, `ENGINE-09005 Could not parse BPMN process. Errors: \n${lines.join('\n')}`, details);
}

/** Camunda refuses a deployment that defines one process key twice. */
function checkUniqueKeys(compiled: readonly CompiledResource[]): void {
  const where = new Map<string, string>();
  for (const { resource, processes } of compiled) {
    for (const p of processes) {
      const other = where.get(p.key);
      if (other !== undefined) {
        const problem: ResourceProblem = {
          message: `The deployment contains definitions with the same key '${p.key}' (id attribute), this is not allowed (also in resource ${other})`,
          line: 0,
          column: 0,
          mainElementId: p.key,
          elementIds: [p.key],
        };
        throw parseException({ [resource.name]: { errors: [problem], warnings: [] } });
      }
      where.set(p.key, resource.name);
    }
  }
}
