/**
 * Models for the process modeler's tests: the shipped expense approval with one more approval step
 * (a user task with a candidate group and a registered form) right after submission, and broken
 * variants of it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_PROCESSES_DIR } from '../../processes/index.js';

export const EXPENSE_XML = readFileSync(join(DEFAULT_PROCESSES_DIR, 'expense-approval.bpmn'), 'utf8');

/** The shipped model with `<extra/>` put after `<bpmn:sequenceFlow id="Flow_ToBudgetCheck" …/>`. */
function withAfterFirstFlow(extra: string, xml = EXPENSE_XML): string {
  const flow = '<bpmn:sequenceFlow id="Flow_ToBudgetCheck" sourceRef="Submitted" targetRef="BudgetCheck" />';
  if (!xml.includes(flow)) throw new Error('the shipped expense model changed: update the fixture');
  return xml.replace(flow, `${flow}\n    ${extra}`);
}

/** Submitted → ExtraApproval (candidate group role:finance, form crm:expense-approve) → BudgetCheck. */
export function withExtraApproval(formKey = 'crm:expense-approve'): string {
  const flow = '<bpmn:sequenceFlow id="Flow_ToBudgetCheck" sourceRef="Submitted" targetRef="BudgetCheck" />';
  return EXPENSE_XML.replace(
    flow,
    `<bpmn:sequenceFlow id="Flow_ToBudgetCheck" sourceRef="Submitted" targetRef="ExtraApproval" />
    <bpmn:userTask id="ExtraApproval" name="Extra approval" camunda:formKey="${formKey}" camunda:candidateGroups="role:finance">
      <bpmn:incoming>Flow_ToBudgetCheck</bpmn:incoming>
      <bpmn:outgoing>Flow_ExtraToBudget</bpmn:outgoing>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="Flow_ExtraToBudget" sourceRef="ExtraApproval" targetRef="BudgetCheck" />`,
  ).replace('<bpmn:incoming>Flow_ToBudgetCheck</bpmn:incoming>\n      <bpmn:incoming>Flow_Resubmit</bpmn:incoming>', '<bpmn:incoming>Flow_ExtraToBudget</bpmn:incoming>\n      <bpmn:incoming>Flow_Resubmit</bpmn:incoming>');
}

/** A script task: outside the engine's supported subset. */
export const WITH_SCRIPT_TASK = withAfterFirstFlow('<bpmn:scriptTask id="Unsupported_Script" name="Compute in a script" scriptFormat="javascript"><bpmn:script>1</bpmn:script></bpmn:scriptTask>');

/** A sequence flow to an element that does not exist. */
export const WITH_DANGLING_FLOW = withAfterFirstFlow('<bpmn:sequenceFlow id="Flow_Nowhere" sourceRef="BudgetCheck" targetRef="NoSuchTask" />');

/** Two elements sharing the id BudgetCheck (a second task after the first flow). */
export const WITH_DUPLICATE_ID = withAfterFirstFlow('<bpmn:userTask id="BudgetCheck" name="Check again" />');

/** The shipped model with its process id (and the diagram's reference to it) changed to `key`. */
export const withProcessId = (key: string): string => EXPENSE_XML.replace('<bpmn:process id="expense-approval"', `<bpmn:process id="${key}"`).replace('bpmnElement="expense-approval"', `bpmnElement="${key}"`);
