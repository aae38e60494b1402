/**
 * BPMN deployment front end: parse (bpmn-moddle + Camunda/Operaton extensions) → check the
 * supported subset → compile to definition graphs. Pure: no database, no I/O.
 */
import type { BpmnProblem, ProcessGraph } from '../model/graph.js';
import { compileProcesses } from './compile.js';
import { checkExpressions } from './expressions.js';
import { checkRestrictions } from './restrictions.js';
import { locateProblems } from './locate.js';
import { BpmnParseError, parseBpmn } from './parse.js';
import { checkSupported } from './support.js';

export { BpmnParseError, parseBpmn } from './parse.js';
export { checkSupported } from './support.js';
export { compileProcesses } from './compile.js';

/**
 * What a deployment of `xml` would create: its executable processes as graphs, or — when anything
 * is unparsable, invalid or unsupported — no processes and every problem found (with line and
 * column where the element can be found in the XML). Non-executable processes are skipped.
 */
export async function deployableProcesses(xml: string): Promise<{ processes: ProcessGraph[]; problems: BpmnProblem[] }> {
  let parsed: Awaited<ReturnType<typeof parseBpmn>>;
  try {
    parsed = await parseBpmn(xml);
  } catch (err) {
    if (err instanceof BpmnParseError) return { processes: [], problems: err.problems };
    throw err;
  }
  const problems = locateProblems(xml, [...parsed.warnings, ...checkSupported(parsed.definitions)]);
  if (problems.length > 0) return { processes: [], problems };
  const processes = compileProcesses(parsed.definitions);
  const invalid = locateProblems(xml, [...checkExpressions(processes), ...checkRestrictions(processes)]);
  return invalid.length > 0 ? { processes: [], problems: invalid } : { processes, problems: [] };
}
