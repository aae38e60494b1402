/**
 * The processes the /task tests run: `review` (a candidate task, then an assigned one) and
 * `nested` (a user task inside an embedded subprocess with a local variable `level`, for variable scopes).
 */
import { deployModels, startByKey, type EngineRestServer } from '../support.js';
import { flow, modelerXml, start } from '../core/support.js';

export const REVIEW = modelerXml(
  'review',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Review')}
  <bpmn:userTask id="Review" name="Review order" camunda:candidateGroups="sales, managers" camunda:candidateUsers="carl"
    camunda:priority="70" camunda:formKey="embedded:app:forms/review.html" camunda:dueDate="2030-01-01T10:00:00Z" />
  ${flow('F1', 'Review', 'Approve')}
  <bpmn:userTask id="Approve" name="Approve" camunda:assignee="anna" camunda:priority="10" camunda:followUpDate="2030-02-01T00:00:00Z" />
  ${flow('F2', 'Approve', 'End')}
  <bpmn:endEvent id="End" />`,
);

export const NESTED = modelerXml(
  'nested',
  `${start('Start', 'F0')}
  ${flow('F0', 'Start', 'Sub')}
  <bpmn:subProcess id="Sub">
    <bpmn:extensionElements>
      <camunda:inputOutput><camunda:inputParameter name="level">inner</camunda:inputParameter></camunda:inputOutput>
    </bpmn:extensionElements>
    <bpmn:startEvent id="SubStart" />
    <bpmn:sequenceFlow id="S0" sourceRef="SubStart" targetRef="Inner" />
    <bpmn:userTask id="Inner" name="Inner" />
    <bpmn:sequenceFlow id="S1" sourceRef="Inner" targetRef="SubEnd" />
    <bpmn:endEvent id="SubEnd" />
  </bpmn:subProcess>
  ${flow('F1', 'Sub', 'End')}
  <bpmn:endEvent id="End" />`,
);

export async function deployTaskModels(api: EngineRestServer): Promise<void> {
  await deployModels(api, { 'review.bpmn': REVIEW, 'nested.bpmn': NESTED });
}

/** Start `key` and return the instance with its one open task. */
export async function startWithTask(api: EngineRestServer, key: string, body: Record<string, unknown> = {}): Promise<{ instanceId: string; task: any }> {
  const instance = await startByKey(api, key, body);
  const res = await api.get(`/task?processInstanceId=${instance.id}`);
  expect(res.body).toHaveLength(1);
  return { instanceId: instance.id, task: res.body[0] };
}
