/**
 * Scenarios — boundary events: timers (interrupting and not; timeDuration, timeDate, timeCycle R2),
 * errors from an external task's bpmnError (by code and catch-all), messages (interrupting and not),
 * and boundary events on a subprocess, driven only through /engine-rest.
 */
import {
  boundary,
  canceled,
  chain,
  completeTaskAt,
  correlate,
  deploy,
  endEvent,
  errorDef,
  errorRoot,
  fetch,
  fetchAndThrow,
  fireTimers, fireTimersWhenDue,
  flow,
  history,
  jobs,
  messageRoot,
  openTaskKeys,
  ok,
  startInstance,
  state,
  tasks,
  timerOf,
  useEngineRest,
  values,
} from './support.js';

const server = useEngineRest('scn_boundaries');

const taskKeys = (processInstanceId: string) => openTaskKeys(server.api, processInstanceId);

/** Start → Work (user task) → Done, with `boundaries` on Work each leading to its own end `<id>End`. */
function onUserTask(boundaries: { id: string; definition: string; interrupting?: boolean }[], work = '<bpmn:userTask id="Work" />') {
  return `<bpmn:startEvent id="Start" />${work}${endEvent('Done')}${chain(['Start', 'Work', 'Done'])}
    ${boundaries.map((b) => `${boundary(b.id, 'Work', b.definition, b.interrupting ?? true)}${endEvent(`${b.id}End`)}${flow(`To${b.id}End`, b.id, `${b.id}End`)}`).join('\n')}`;
}

describe('timer boundary events', () => {
  test('interrupting timeDuration: firing cancels the task and takes the boundary path', async () => {
    const { api } = server;
    await deploy(api, 'bd_timer', onUserTask([{ id: 'Late', definition: timerOf('timeDuration', 'PT1H') }]));
    const id = await startInstance(api, 'bd_timer');
    const [job] = await jobs(api, { processInstanceId: id });
    expect(job).toMatchObject({ processInstanceId: id, retries: 3 });
    expect(await fireTimers(api, id)).toBe(1);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Late', 'LateEnd']);
    expect(await canceled(api, id)).toEqual(['Work']);
    expect(await tasks(api, { processInstanceId: id })).toEqual([]);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('completing the task first removes its timer', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_timer');
    await completeTaskAt(api, id, 'Work');
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Done']);
  });

  test('interrupting timeDate: the job is due at the date', async () => {
    const { api } = server;
    await deploy(api, 'bd_timerdate', onUserTask([{ id: 'Deadline', definition: timerOf('timeDate', '${deadline}') }]));
    const id = await startInstance(api, 'bd_timerdate', { deadline: '2035-03-04T05:06:07Z' });
    const [job] = await jobs(api, { processInstanceId: id });
    expect(job.dueDate).toBe('2035-03-04T05:06:07.000+0000');
    await fireTimers(api, id);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Deadline', 'DeadlineEnd']);
  });

  test('non-interrupting timeCycle R2: fires twice beside the task on its schedule, then stops', async () => {
    const { api } = server;
    await deploy(api, 'bd_cycle', onUserTask([{ id: 'Remind', definition: timerOf('timeCycle', 'R2/PT1S'), interrupting: false }]));
    const id = await startInstance(api, 'bd_cycle');
    expect(await fireTimersWhenDue(api, { processInstanceId: id })).toBe(1);
    expect(await taskKeys(id)).toEqual(['Work']);
    expect(await jobs(api, { processInstanceId: id })).toHaveLength(1);
    expect(await fireTimersWhenDue(api, { processInstanceId: id })).toBe(1);
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Remind', 'RemindEnd', 'Remind', 'RemindEnd']);
    await completeTaskAt(api, id, 'Work');
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Remind', 'RemindEnd', 'Remind', 'RemindEnd', 'Done']);
    expect(await canceled(api, id)).toEqual([]);
  });

  test('non-interrupting timeCycle executed before it is due: the next firing keeps the schedule (same due date), as in Camunda', async () => {
    const { api } = server;
    await deploy(api, 'bd_cycle_early', onUserTask([{ id: 'Remind', definition: timerOf('timeCycle', 'R2/PT10M'), interrupting: false }]));
    const id = await startInstance(api, 'bd_cycle_early');
    const [first] = await jobs(api, { processInstanceId: id });
    expect(await fireTimers(api, id)).toBe(1);
    const [second] = await jobs(api, { processInstanceId: id });
    expect(second.id).not.toBe(first.id);
    expect(second.dueDate).toBe(first.dueDate);
    expect(await fireTimers(api, id)).toBe(1);
    expect(await jobs(api, { processInstanceId: id })).toHaveLength(1);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Remind', 'RemindEnd', 'Remind', 'RemindEnd']);
  });

  test('non-interrupting timeDuration: a parallel path, the task stays', async () => {
    const { api } = server;
    await deploy(
      api,
      'bd_nonint',
      `<bpmn:startEvent id="Start" /><bpmn:userTask id="Work" /><bpmn:userTask id="Chase" />${endEvent('Done')}${endEvent('Chased')}
       ${chain(['Start', 'Work', 'Done'])}${boundary('Soon', 'Work', timerOf('timeDuration', 'PT5M'), false)}${flow('F9', 'Soon', 'Chase')}${flow('F10', 'Chase', 'Chased')}`,
    );
    const id = await startInstance(api, 'bd_nonint');
    await fireTimers(api, id);
    expect(await taskKeys(id)).toEqual(['Chase', 'Work']);
    await completeTaskAt(api, id, 'Work');
    expect(await state(api, id)).toBe('ACTIVE');
    await completeTaskAt(api, id, 'Chase');
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Soon', 'Chase', 'Done', 'Chased']);
    expect(await state(api, id)).toBe('COMPLETED');
  });
});

describe('error boundary events on an external task', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'bd_error',
      onUserTask(
        [
          { id: 'NoStock', definition: errorDef('ErrStock', 'camunda:errorCodeVariable="code" camunda:errorMessageVariable="why"') },
          { id: 'AnyError', definition: errorDef(undefined, 'camunda:errorCodeVariable="code"') },
        ],
        '<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="bd-reserve" />',
      ),
      errorRoot('ErrStock', 'E_STOCK'),
    );
  });

  test('bpmnError with the boundary\'s code is caught there, with code, message and variables', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_error');
    await fetchAndThrow(api, 'bd-reserve', 'E_STOCK', { errorMessage: 'only 2 left', variables: { left: 2 } }, id);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'NoStock', 'NoStockEnd']);
    expect(await canceled(api, id)).toEqual(['Work']);
    expect(await values(api, id)).toEqual({ code: 'E_STOCK', why: 'only 2 left', left: 2 });
    expect(await fetch(api, 'bd-reserve', id)).toEqual([]);
  });

  test('another code is caught by the catch-all boundary', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_error');
    await fetchAndThrow(api, 'bd-reserve', 'E_OTHER', {}, id);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'AnyError', 'AnyErrorEnd']);
    expect(await values(api, id)).toEqual({ code: 'E_OTHER' });
  });
});

describe('message boundary events', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'bd_message',
      onUserTask([
        { id: 'Cancelled', definition: '<bpmn:messageEventDefinition messageRef="MsgCancel" />' },
        { id: 'Updated', definition: '<bpmn:messageEventDefinition messageRef="MsgUpdate" />', interrupting: false },
      ]),
      `${messageRoot('MsgCancel', 'bdCancel')}${messageRoot('MsgUpdate', 'bdUpdate')}`,
    );
  });

  test('non-interrupting: each message runs the boundary path, the task stays; interrupting: cancels it', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_message', {}, 'm-1');
    await correlate(api, 'bdUpdate', { businessKey: 'm-1', processVariables: { rev: { value: 1, type: 'Integer' } } });
    await correlate(api, 'bdUpdate', { businessKey: 'm-1', processVariables: { rev: { value: 2, type: 'Integer' } } });
    expect(await taskKeys(id)).toEqual(['Work']);
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Updated', 'UpdatedEnd', 'Updated', 'UpdatedEnd']);
    await correlate(api, 'bdCancel', { businessKey: 'm-1' });
    expect(await history(api, id)).toEqual(['Start', 'Work', 'Updated', 'UpdatedEnd', 'Updated', 'UpdatedEnd', 'Cancelled', 'CancelledEnd']);
    expect(await canceled(api, id)).toEqual(['Work']);
    expect(await values(api, id)).toEqual({ rev: 2 });
    expect(await state(api, id)).toBe('COMPLETED');
  });
});

describe('boundary events on a subprocess', () => {
  beforeAll(async () => {
    await deploy(
      server.api,
      'bd_sub',
      `<bpmn:startEvent id="Start" />
       <bpmn:subProcess id="Sub">
         <bpmn:startEvent id="SubStart" /><bpmn:serviceTask id="Pick" camunda:type="external" camunda:topic="bd-pick" /><bpmn:userTask id="Pack" />${endEvent('SubEnd')}
         ${chain(['SubStart', 'Pick', 'Pack', 'SubEnd'], 'S')}
       </bpmn:subProcess>
       ${endEvent('Done')}${chain(['Start', 'Sub', 'Done'])}
       ${boundary('SubTimeout', 'Sub', timerOf('timeDuration', 'P1D'))}${endEvent('TimedOut')}${flow('B1', 'SubTimeout', 'TimedOut')}
       ${boundary('SubFailed', 'Sub', errorDef('Err'))}${endEvent('Failed')}${flow('B2', 'SubFailed', 'Failed')}
       ${boundary('SubPing', 'Sub', '<bpmn:messageEventDefinition messageRef="Ping" />', false)}<bpmn:userTask id="Answer" />${flow('B3', 'SubPing', 'Answer')}`,
      `${errorRoot('Err', 'E_PICK')}${messageRoot('Ping', 'bdPing')}`,
    );
  });

  test('an error inside the subprocess is caught on it; its timer goes with it', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_sub');
    await fetchAndThrow(api, 'bd-pick', 'E_PICK', {}, id);
    expect(await history(api, id)).toEqual(['Start', 'Sub', 'SubStart', 'Pick', 'SubFailed', 'Failed']);
    expect((await canceled(api, id)).sort()).toEqual(['Pick', 'Sub']);
    expect(await jobs(api, { processInstanceId: id })).toEqual([]);
    expect(await state(api, id)).toBe('COMPLETED');
  });

  test('the timer cancels everything inside; a non-interrupting message before it adds a path', async () => {
    const { api } = server;
    const id = await startInstance(api, 'bd_sub', {}, 'sub-2');
    await fetch(api, 'bd-pick', id).then(async ([t]) => {
      const res = await api.request('POST', `/external-task/${t.id}/complete`, { body: JSON.stringify({ workerId: 'scenario-worker' }), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(204);
    });
    await correlate(api, 'bdPing', { businessKey: 'sub-2' });
    expect(await taskKeys(id)).toEqual(['Answer', 'Pack']);
    await fireTimers(api, id);
    expect(await history(api, id)).toEqual(['Start', 'Sub', 'SubStart', 'Pick', 'Pack', 'SubPing', 'Answer', 'SubTimeout', 'TimedOut']);
    expect((await canceled(api, id)).sort()).toEqual(['Pack', 'Sub']);
    expect(await taskKeys(id)).toEqual(['Answer']);
    await completeTaskAt(api, id, 'Answer');
    expect(await state(api, id)).toBe('COMPLETED');
  });
});

test('a task, its timer and an external task created and cancelled in the same call leave no runtime rows behind', async () => {
  const { api } = server;
  // Given a subprocess forking into a user task with a timer, an external task and an error end event
  await deploy(
    api,
    'bd_same_run',
    `<bpmn:startEvent id="Start" />
     <bpmn:subProcess id="Sub">
       <bpmn:startEvent id="SStart" /><bpmn:parallelGateway id="Fork" /><bpmn:userTask id="Inner" /><bpmn:serviceTask id="Call" camunda:type="external" camunda:topic="bd-same-run" />
       ${endEvent('Fail', errorDef('Err'))}
       ${flow('S1', 'SStart', 'Fork')}${flow('S2', 'Fork', 'Inner')}${flow('S3', 'Fork', 'Call')}${flow('S4', 'Fork', 'Fail')}
       ${boundary('Remind', 'Inner', timerOf('timeDuration', 'PT1H'), false)}${endEvent('Reminded')}${flow('S5', 'Remind', 'Reminded')}
     </bpmn:subProcess>
     ${boundary('Caught', 'Sub', errorDef('Err'))}<bpmn:userTask id="Handle" />${chain(['Start', 'Sub'])}${flow('F9', 'Caught', 'Handle')}`,
    errorRoot('Err', 'E_SAME'),
  );
  // When it starts (the error cancels Inner and Call in the very call that created them)
  const id = await startInstance(api, 'bd_same_run');
  // Then only the handler's task is open: no orphan task, external task or timer
  expect(await history(api, id)).toEqual(['Start', 'Sub', 'SStart', 'Fork', 'Inner', 'Call', 'Fail', 'Caught', 'Handle']);
  expect(await taskKeys(id)).toEqual(['Handle']);
  expect(await jobs(api, { processInstanceId: id })).toEqual([]);
  expect(await fetch(api, 'bd-same-run', id)).toEqual([]);
  const hiTasks = await ok(api.get(`/history/task?processInstanceId=${id}&taskDefinitionKey=Inner`));
  expect(hiTasks).toEqual([expect.objectContaining({ deleteReason: 'deleted', endTime: expect.any(String) })]);
});
