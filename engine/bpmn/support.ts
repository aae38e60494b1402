/**
 * The supported subset (issue [engine]): walks every executable process and reports, all at once,
 * each element outside the subset (with its id and type) and each structural error Camunda's parser
 * would refuse. Non-executable processes are skipped, as Camunda skips them on deploy.
 */
import type { BpmnProblem } from '../model/graph.js';
import { ASYNC_ATTRIBUTES, checkCamundaAttributes } from './features/camunda-attributes.js';
import { checkExtensionElements } from './features/extension-elements.js';
import { checkInputOutput } from './features/input-output.js';
import { checkLoop, loopOf } from './features/multi-instance.js';
import { checkMessageNames, checkScope } from './features/scopes.js';
import { checkSequenceFlow } from './features/sequence-flows.js';
import { elementKind, type NodeContext } from './elements/index.js';
import { bool, one, type ModdleElement } from './moddle.js';
import { Problems } from './problems.js';
import { executableProcesses, processContents, type ProcessContents } from './walk.js';

/** Process attributes: the version tag and history TTL are kept; the tasklist flag has no engine meaning. */
const PROCESS_ATTRIBUTES = ['versionTag', 'historyTimeToLive', 'isStartableInTasklist'];

export function checkSupported(definitions: ModdleElement): BpmnProblem[] {
  const problems = new Problems();
  for (const process of executableProcesses(definitions)) checkProcess(processContents(process), problems);
  return problems.list;
}

function checkProcess(contents: ProcessContents, problems: Problems): void {
  const { process } = contents;
  checkCamundaAttributes(process, PROCESS_ATTRIBUTES, problems);
  checkExtensionElements(process, [], problems);
  checkInputOutput(process, 'none', false, problems);
  for (const scope of contents.scopes) checkScope(contents, scope, problems);
  for (const { el, scope } of contents.nodes) checkNode(el, { scope, contents, problems });
  for (const { el, scope } of contents.flows) checkSequenceFlow(el, scope, problems);
  checkMessageNames(contents, problems);
}

function checkNode(el: ModdleElement, ctx: NodeContext): void {
  const { problems } = ctx;
  const kind = elementKind(el.$type);
  if (!kind) {
    problems.unsupported(el, 'this element type');
    return;
  }
  checkCamundaAttributes(el, [...ASYNC_ATTRIBUTES, ...(kind.attributes ?? [])], problems);
  checkExtensionElements(el, kind.extensions ?? [], problems);
  checkInputOutput(el, kind.io, loopOf(el) !== undefined, problems);
  checkLoop(el, kind.activity, problems);
  if (bool(el, 'isForCompensation', false)) problems.unsupported(el, 'compensation (isForCompensation="true")');
  const defaultFlow = one(el, 'default');
  if (defaultFlow && one(defaultFlow, 'sourceRef') !== el) {
    problems.invalid(el, `its default flow '${defaultFlow.id}' is not one of its outgoing sequence flows`);
  } else if (defaultFlow && one(defaultFlow, 'conditionExpression')) {
    problems.invalid(el, `its default flow '${defaultFlow.id}' must not have a condition`);
  }
  kind.check(el, ctx);
}
