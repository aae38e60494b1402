/**
 * The real camunda-external-task-client-js (v3) against /engine-rest, configured with nothing but
 * its baseUrl (short polling, priority on, its default lock and worker id): it subscribes, reads
 * typed variables, completes with new variables, reports failures and BPMN errors — and the
 * process instance moves on as Camunda would move it. A second client long-polls.
 */
import { Client, Variables, type Task, type TaskService } from 'camunda-external-task-client-js';
import { waitFor } from '../../support/harness.js';
import { flow, modelerXml, start, userTask } from '../core/support.js';
import { deployModels, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
let client: Client;
let longPolling: Client | undefined;
let seq = 0;

beforeAll(async () => {
  api = await startEngineRest('etclient');
  client = new Client({ baseUrl: api.url });
});
afterAll(async () => {
  client.stop();
  longPolling?.stop();
  await api.stop();
});
afterEach(() => expect(api.errors).toEqual([]));

/** `Start → Work (external) → Ship`, with an error boundary `declined` → Declined; a topic of its own. */
async function deploy(): Promise<{ key: string; topic: string }> {
  const n = ++seq;
  const key = `client${n}`;
  const topic = `client-topic-${n}`;
  const body = [
    start(),
    `<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="${topic}" />`,
    '<bpmn:boundaryEvent id="OnDeclined" attachedToRef="Work"><bpmn:errorEventDefinition errorRef="DeclinedError" /></bpmn:boundaryEvent>',
    userTask('Ship'),
    userTask('Declined'),
    flow('F0', 'Start', 'Work'),
    flow('F1', 'Work', 'Ship'),
    flow('F2', 'OnDeclined', 'Declined'),
  ].join('\n');
  await deployModels(api, { [`${key}.bpmn`]: modelerXml(key, body, '<bpmn:error id="DeclinedError" errorCode="declined" />') });
  return { key, topic };
}

/** Subscribe `topic`; resolves with what the handler returned once it has run. */
function handleOnce<T>(worker: Client, topic: string, handler: (args: { task: Task; taskService: TaskService }) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    worker.subscribe(topic, async (args) => {
      try {
        resolve(await handler(args));
      } catch (e) {
        reject(e);
      }
    });
  });
}

async function waitsOf(instanceId: string): Promise<string[]> {
  const rows = await api.db.query<{ a: string }>('select task_definition_key as a from engine.task where process_instance_id = $1 order by 1', [instanceId]);
  return rows.map((r) => r.a);
}

async function processVariables(instanceId: string): Promise<Record<string, unknown>> {
  const [row] = await api.db.query<{ state: { variables: Record<string, unknown> } }>('select state from engine.process_instance where id = $1', [instanceId]);
  return row.state.variables;
}

test('given a subscribed worker, when an instance reaches its task, then it reads the typed variables and its completion with new variables moves the instance on', async () => {
  const { key, topic } = await deploy();
  const handled = handleOnce(client, topic, async ({ task, taskService }) => {
    const v = task.variables;
    const seen = {
      amount: v.getTyped('amount'),
      customer: v.get('customer'),
      order: v.get('order'),
      due: (v.get('due') as Date).toISOString(),
      all: Object.keys(v.getAll()).sort(),
      businessKey: task.businessKey,
      workerId: task.workerId,
    };
    const out = new Variables().set('paid', true).set('paidAt', new Date('2026-02-03T04:05:06.007Z')).set('receipt', { no: 17 }).set('total', 42.5);
    await taskService.complete(task, out);
    return seen;
  });
  const pi = await startByKey(api, key, {
    businessKey: 'order-1',
    variables: {
      amount: { value: 120, type: 'Integer' },
      customer: { value: 'Anna', type: 'String' },
      order: { value: '{"lines":[1,2]}', type: 'Json' },
      due: { value: '2026-03-01T10:00:00.000+0000', type: 'Date' },
    },
  });

  expect(await handled).toEqual({
    amount: { type: 'integer', value: 120, valueInfo: {} },
    customer: 'Anna',
    order: { lines: [1, 2] },
    due: '2026-03-01T10:00:00.000Z',
    all: ['amount', 'customer', 'due', 'order'],
    businessKey: 'order-1',
    workerId: 'some-random-id',
  });
  await waitFor(async () => (await waitsOf(pi.id)).includes('Ship'));
  expect(await processVariables(pi.id)).toMatchObject({
    paid: { type: 'boolean', value: true },
    paidAt: { type: 'date', value: '2026-02-03T04:05:06.007Z' },
    receipt: { type: 'json', value: { no: 17 } },
    total: { type: 'double', value: 42.5 },
  });
  const acts = await api.db.query<any>('select activity_id, end_time is not null as ended from engine.hi_activity_instance where process_instance_id = $1 order by seq', [pi.id]);
  expect(acts).toEqual([
    { activity_id: 'Start', ended: true },
    { activity_id: 'Work', ended: true },
    { activity_id: 'Ship', ended: false },
  ]);
});

test('given a worker that fails without retries, when it reports the failure, then the task has an incident and is not fetched again', async () => {
  const { key, topic } = await deploy();
  let calls = 0;
  const handled = handleOnce(client, topic, async ({ task, taskService }) => {
    calls++;
    await taskService.handleFailure(task, { errorMessage: 'service down', errorDetails: 'ECONNREFUSED', retries: 0, retryTimeout: 0 });
    return task.id;
  });
  const pi = await startByKey(api, key);
  const taskId = await handled;
  await waitFor(async () => (await api.get(`/incident/count?processInstanceId=${pi.id}`)).body.count === 1);
  const [incident] = (await api.get(`/incident?processInstanceId=${pi.id}`)).body;
  expect(incident).toMatchObject({ incidentType: 'failedExternalTask', configuration: taskId, incidentMessage: 'service down', activityId: 'Work' });
  const task = (await api.get(`/external-task/${taskId}`)).body;
  expect(task).toMatchObject({ retries: 0, errorMessage: 'service down', workerId: 'some-random-id' });
  expect((await api.get(`/external-task/${taskId}/errorDetails`)).text).toBe('ECONNREFUSED');
  // the client keeps polling; a task without retries is not handed out again
  const polls = await new Promise<number>((resolve) => {
    let n = 0;
    const count = () => {
      if (++n === 3) {
        client.off('poll:success', count);
        resolve(n);
      }
    };
    client.on('poll:success', count);
  });
  expect(polls).toBe(3);
  expect(calls).toBe(1);
  expect(await waitsOf(pi.id)).toEqual([]);
});

test('given a worker that reports a BPMN error, then the error boundary event takes over with its variables', async () => {
  const { key, topic } = await deploy();
  const handled = handleOnce(client, topic, async ({ task, taskService }) => {
    await taskService.handleBpmnError(task, 'declined', 'card declined', new Variables().set('reason', 'no funds'));
    return task.id;
  });
  const pi = await startByKey(api, key);
  const taskId = await handled;
  await waitFor(async () => (await waitsOf(pi.id)).includes('Declined'));
  expect(await waitsOf(pi.id)).toEqual(['Declined']);
  expect((await processVariables(pi.id)).reason).toEqual({ type: 'string', value: 'no funds' });
  expect((await api.get(`/external-task/${taskId}`)).status).toBe(404);
});

test('given a client that long-polls, when a task appears, then its handler runs without waiting for a polling interval', async () => {
  const { key, topic } = await deploy();
  longPolling = new Client({ baseUrl: api.url, workerId: 'long-poller', asyncResponseTimeout: 10_000, interval: 60_000, autoPoll: false });
  const handled = handleOnce(longPolling, topic, async ({ task, taskService }) => {
    await taskService.complete(task);
    return { at: Date.now(), worker: task.workerId };
  });
  longPolling.start();
  // the client is in its long poll once the server has seen a fetchAndLock naming the topic; that is not observable, so give it a moment
  await new Promise((r) => setTimeout(r, 300));
  const created = Date.now();
  const pi = await startByKey(api, key);
  const { at, worker } = await handled;
  expect(worker).toBe('long-poller');
  expect(at - created).toBeLessThan(1_500);
  await waitFor(async () => (await waitsOf(pi.id)).includes('Ship'));
});
