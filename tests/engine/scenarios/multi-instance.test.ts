/**
 * Scenarios — multi-instance: parallel and sequential, on a user task and on a subprocess;
 * camunda:collection + camunda:elementVariable, loopCardinality, completionCondition, and the
 * nrOfInstances / nrOfActiveInstances / nrOfCompletedInstances / loopCounter variables, driven only
 * through /engine-rest.
 */
import {
  canceled,
  chain,
  completeTask,
  deploy,
  endEvent,
  fetch,
  history,
  ok,
  startInstance,
  state,
  tasks,
  useEngineRest,
  variables,
  type EngineRestServer,
} from './support.js';

const server = useEngineRest('scn_mi');

/** Everything a task sees (GET /task/{id}/variables) as plain name → value. */
async function seen(api: EngineRestServer, taskId: string): Promise<Record<string, unknown>> {
  const vars = await ok(api.get(`/task/${taskId}/variables`));
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, (v as { value: unknown }).value]));
}

const counters = (v: Record<string, unknown>) => ({
  nrOfInstances: v.nrOfInstances,
  nrOfActiveInstances: v.nrOfActiveInstances,
  nrOfCompletedInstances: v.nrOfCompletedInstances,
  loopCounter: v.loopCounter,
});

test('parallel user task over a collection: one task per element, assignee from the element variable', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_par_task',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Review" camunda:assignee="\${reviewer}">
       <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${reviewers}" camunda:elementVariable="reviewer" />
     </bpmn:userTask>
     ${endEvent('End')}${chain(['Start', 'Review', 'End'])}`,
  );
  const id = await startInstance(api, 'mi_par_task', { reviewers: ['anna', 'bob', 'carl'] });
  const open = await tasks(api, { processInstanceId: id, sortBy: 'assignee', sortOrder: 'asc' });
  expect(open.map((t) => t.assignee)).toEqual(['anna', 'bob', 'carl']);
  const bob = open[1];
  expect(counters(await seen(api, bob.id))).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 3, nrOfCompletedInstances: 0, loopCounter: 1 });
  expect((await seen(api, bob.id)).reviewer).toBe('bob');
  await completeTask(api, bob.id);
  expect(counters(await seen(api, open[0].id))).toEqual({ nrOfInstances: 3, nrOfActiveInstances: 2, nrOfCompletedInstances: 1, loopCounter: 0 });
  await completeTask(api, open[0].id);
  await completeTask(api, open[2].id);
  expect(await history(api, id)).toEqual(['Start', 'Review#multiInstanceBody', 'Review', 'Review', 'Review', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
  // the counters and element variables were local: the process scope only has its own variable
  expect(Object.keys(await variables(api, id))).toEqual(['reviewers']);
});

test('sequential user task with loopCardinality and a completionCondition stops early', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_seq_task',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Try">
       <bpmn:multiInstanceLoopCharacteristics isSequential="true">
         <bpmn:loopCardinality>\${tries}</bpmn:loopCardinality>
         <bpmn:completionCondition>\${nrOfCompletedInstances == 2}</bpmn:completionCondition>
       </bpmn:multiInstanceLoopCharacteristics>
     </bpmn:userTask>
     ${endEvent('End')}${chain(['Start', 'Try', 'End'])}`,
  );
  const id = await startInstance(api, 'mi_seq_task', { tries: 4 });
  let [task] = await tasks(api, { processInstanceId: id });
  expect(await tasks(api, { processInstanceId: id })).toHaveLength(1);
  expect(counters(await seen(api, task.id))).toEqual({ nrOfInstances: 4, nrOfActiveInstances: 1, nrOfCompletedInstances: 0, loopCounter: 0 });
  await completeTask(api, task.id);
  [task] = await tasks(api, { processInstanceId: id });
  expect(counters(await seen(api, task.id))).toEqual({ nrOfInstances: 4, nrOfActiveInstances: 1, nrOfCompletedInstances: 1, loopCounter: 1 });
  await completeTask(api, task.id);
  expect(await tasks(api, { processInstanceId: id })).toEqual([]);
  expect(await history(api, id)).toEqual(['Start', 'Try#multiInstanceBody', 'Try', 'Try', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('parallel completionCondition cancels the instances still running', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_par_quorum',
    `<bpmn:startEvent id="Start" />
     <bpmn:userTask id="Vote">
       <bpmn:multiInstanceLoopCharacteristics camunda:collection="voters" camunda:elementVariable="voter">
         <bpmn:completionCondition>\${nrOfCompletedInstances / nrOfInstances >= 0.5}</bpmn:completionCondition>
       </bpmn:multiInstanceLoopCharacteristics>
     </bpmn:userTask>
     <bpmn:userTask id="Tally" />${chain(['Start', 'Vote', 'Tally'])}`,
  );
  const id = await startInstance(api, 'mi_par_quorum', { voters: ['a', 'b', 'c', 'd'] });
  const open = await tasks(api, { processInstanceId: id, taskDefinitionKey: 'Vote' });
  expect(open).toHaveLength(4);
  await completeTask(api, open[0].id);
  await completeTask(api, open[1].id);
  expect((await tasks(api, { processInstanceId: id })).map((t) => t.taskDefinitionKey)).toEqual(['Tally']);
  expect(await canceled(api, id)).toEqual(['Vote', 'Vote']);
});

test('parallel subprocess over a collection: each instance runs its own inner path with its element', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_par_sub',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Ship">
       <bpmn:multiInstanceLoopCharacteristics camunda:collection="\${parcels}" camunda:elementVariable="parcel" />
       <bpmn:startEvent id="SStart" /><bpmn:serviceTask id="Label" camunda:type="external" camunda:topic="mi-label" />${endEvent('SEnd')}
       ${chain(['SStart', 'Label', 'SEnd'], 'S')}
     </bpmn:subProcess>
     ${endEvent('End')}${chain(['Start', 'Ship', 'End'])}`,
  );
  const id = await startInstance(api, 'mi_par_sub', { parcels: ['p1', 'p2'] });
  const locked = await fetch(api, 'mi-label', id);
  expect(locked.map((t) => t.variables.parcel.value).sort()).toEqual(['p1', 'p2']);
  for (const t of locked) await ok(api.request('POST', `/external-task/${t.id}/complete`, { body: JSON.stringify({ workerId: 'scenario-worker' }), headers: { 'Content-Type': 'application/json' } }), 204);
  expect(await history(api, id)).toEqual(['Start', 'Ship#multiInstanceBody', 'Ship', 'SStart', 'Label', 'Ship', 'SStart', 'Label', 'SEnd', 'SEnd', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('sequential subprocess: loopCounter and the element move one by one', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_seq_sub',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Step">
       <bpmn:multiInstanceLoopCharacteristics isSequential="true" camunda:collection="\${steps}" camunda:elementVariable="step" />
       <bpmn:startEvent id="SStart" /><bpmn:userTask id="Do" />${endEvent('SEnd')}${chain(['SStart', 'Do', 'SEnd'], 'S')}
     </bpmn:subProcess>
     ${endEvent('End')}${chain(['Start', 'Step', 'End'])}`,
  );
  const id = await startInstance(api, 'mi_seq_sub', { steps: ['x', 'y'] });
  const seenSteps: unknown[] = [];
  for (let i = 0; i < 2; i++) {
    const [task] = await tasks(api, { processInstanceId: id });
    const v = await seen(api, task.id);
    seenSteps.push([v.step, v.loopCounter, v.nrOfCompletedInstances]);
    await completeTask(api, task.id);
  }
  expect(seenSteps).toEqual([
    ['x', 0, 0],
    ['y', 1, 1],
  ]);
  expect(await history(api, id)).toEqual(['Start', 'Step#multiInstanceBody', 'Step', 'SStart', 'Do', 'SEnd', 'Step', 'SStart', 'Do', 'SEnd', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});

test('an empty collection: the body starts and leaves at once', async () => {
  const { api } = server;
  await deploy(
    api,
    'mi_empty',
    `<bpmn:startEvent id="Start" /><bpmn:userTask id="Each"><bpmn:multiInstanceLoopCharacteristics camunda:collection="items" camunda:elementVariable="item" /></bpmn:userTask>
     ${endEvent('End')}${chain(['Start', 'Each', 'End'])}`,
  );
  const id = await startInstance(api, 'mi_empty', { items: [] });
  expect(await history(api, id)).toEqual(['Start', 'Each#multiInstanceBody', 'End']);
  expect(await state(api, id)).toBe('COMPLETED');
});
