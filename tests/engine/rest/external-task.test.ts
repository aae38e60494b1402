/**
 * /engine-rest/external-task and /incident over real HTTP and PostgreSQL: fetchAndLock (variables,
 * priority, SKIP LOCKED under concurrency, long polling woken in this process and from another
 * engine process, lock expiry), the worker's reports (complete, failure → retries → incident,
 * bpmnError, lock/extendLock/unlock) with Camunda's refusals, and the query. Every test deploys
 * its own process with its own topic, so tests never see each other's tasks.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createEngine, LISTENER_APPLICATION_NAME } from '../../../engine/index.js';
import { waitFor } from '../../support/harness.js';
import { flow, modelerXml, start, userTask } from '../core/support.js';
import { deployModels, poolDb, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
let seq = 0;

beforeAll(async () => {
  api = await startEngineRest('exttask');
});
afterAll(async () => api.stop());
afterEach(() => expect(api.errors).toEqual([]));

const ERRORS = '<bpmn:error id="DeclinedError" errorCode="declined" />';
const io = (inner: string) => `<bpmn:extensionElements><camunda:inputOutput>${inner}</camunda:inputOutput></bpmn:extensionElements>`;

/** A process `Start → Work (external, topic) → Done (user task)`, with an error boundary `declined` → Declined; returns its key and topic. */
async function deployWork(opts: { priority?: number; input?: string } = {}): Promise<{ key: string; topic: string }> {
  const n = ++seq;
  const key = `work${n}`;
  const topic = `topic-${n}`;
  const attrs = opts.priority === undefined ? '' : ` camunda:taskPriority="${opts.priority}"`;
  const body = [
    start(),
    `<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="${topic}"${attrs}>${opts.input ? io(opts.input) : ''}</bpmn:serviceTask>`,
    '<bpmn:boundaryEvent id="OnDeclined" attachedToRef="Work"><bpmn:errorEventDefinition errorRef="DeclinedError" /></bpmn:boundaryEvent>',
    userTask('Done', 'camunda:assignee="anna"'),
    userTask('Declined'),
    flow('F0', 'Start', 'Work'),
    flow('F1', 'Work', 'Done'),
    flow('F2', 'OnDeclined', 'Declined'),
  ].join('\n');
  await deployModels(api, { [`${key}.bpmn`]: modelerXml(key, body, ERRORS) });
  return { key, topic };
}

const fetchAndLock = (body: Record<string, unknown>) => sendJsonTo(api, 'POST', '/external-task/fetchAndLock', body);
const fetchOne = (workerId: string, topic: string, more: Record<string, unknown> = {}) =>
  fetchAndLock({ workerId, maxTasks: 1, topics: [{ topicName: topic, lockDuration: 60_000, ...more }] });
const report = (id: string, what: string, body: Record<string, unknown>) => sendJsonTo(api, 'POST', `/external-task/${id}/${what}`, body);

async function taskRow(id: string): Promise<any> {
  const [row] = await api.db.query('select worker_id, lock_expiration_time, retries, error_message, error_details, priority from engine.external_task where id = $1', [id]);
  return row;
}
async function waitsOf(instanceId: string): Promise<string[]> {
  const rows = await api.db.query<{ a: string }>('select task_definition_key as a from engine.task where process_instance_id = $1 order by 1', [instanceId]);
  return rows.map((r) => r.a);
}
const typed = (value: unknown, type: string, valueInfo?: Record<string, unknown>) => ({ value, type, ...(valueInfo ? { valueInfo } : {}) });

describe('fetchAndLock', () => {
  test('given a waiting task, when a worker fetches it, then it is locked for that worker and answered as a LockedExternalTaskDto with the typed variables its execution sees', async () => {
    const { key, topic } = await deployWork({ priority: 7, input: '<camunda:inputParameter name="step">charge</camunda:inputParameter>' });
    const pi = await startByKey(api, key, {
      businessKey: 'order-7',
      variables: {
        amount: typed(42, 'Integer'),
        customer: typed('Anna', 'String'),
        order: typed('{"lines":2}', 'Json'),
        due: typed('2026-03-01T10:00:00.000+0000', 'Date'),
        card: typed({ last4: '4242' }, 'Object', { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' }),
      },
    });
    const before = Date.now();
    const res = await fetchOne('worker-1', topic);
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('application/json');
    expect(res.body).toHaveLength(1);
    const task = res.body[0];
    expect(Object.keys(task).sort()).toEqual([
      'activityId', 'activityInstanceId', 'businessKey', 'createTime', 'errorDetails', 'errorMessage', 'executionId', 'extensionProperties', 'id',
      'lockExpirationTime', 'priority', 'processDefinitionId', 'processDefinitionKey', 'processDefinitionVersionTag', 'processInstanceId',
      'retries', 'suspended', 'tenantId', 'topicName', 'variables', 'workerId',
    ]);
    expect(task).toMatchObject({
      activityId: 'Work',
      activityInstanceId: expect.stringMatching(/^Work:/),
      errorMessage: null,
      errorDetails: null,
      processDefinitionKey: key,
      processInstanceId: pi.id,
      retries: null,
      suspended: false,
      workerId: 'worker-1',
      topicName: topic,
      tenantId: null,
      priority: 7,
      businessKey: 'order-7',
      extensionProperties: {},
    });
    const lockedUntil = Date.parse(task.lockExpirationTime.replace('+0000', 'Z'));
    expect(lockedUntil).toBeGreaterThanOrEqual(before + 59_000);
    expect(lockedUntil).toBeLessThanOrEqual(Date.now() + 61_000);
    expect(task.variables).toEqual({
      amount: { type: 'Integer', value: 42, valueInfo: {} },
      customer: { type: 'String', value: 'Anna', valueInfo: {} },
      order: { type: 'Json', value: '{"lines":2}', valueInfo: {} },
      due: { type: 'Date', value: '2026-03-01T10:00:00.000+0000', valueInfo: {} },
      card: { type: 'Object', value: '{"last4":"4242"}', valueInfo: { objectTypeName: 'java.util.HashMap', serializationDataFormat: 'application/json' } },
      step: { type: 'String', value: 'charge', valueInfo: {} },
    });

    // locked: nobody else gets it
    expect((await fetchOne('worker-2', topic)).body).toEqual([]);
    const one = await api.get(`/external-task/${task.id}`);
    expect(one.body).toMatchObject({ id: task.id, workerId: 'worker-1', lockExpirationTime: task.lockExpirationTime, priority: 7, businessKey: 'order-7' });
  });

  test('given variables / localVariables / deserializeValues, then only the named, only the local, or deserialized values are answered', async () => {
    const { key, topic } = await deployWork({ input: '<camunda:inputParameter name="step">charge</camunda:inputParameter>' });
    const card = typed({ last4: '1' }, 'Object', { objectTypeName: 'Card', serializationDataFormat: 'application/json' });
    await startByKey(api, key, { variables: { amount: typed(1, 'Integer'), card } });
    const [task] = (await fetchOne('w', topic, { variables: ['amount', 'missing'] })).body;
    expect(task.variables).toEqual({ amount: { type: 'Integer', value: 1, valueInfo: {} } });
    await report(task.id, 'unlock', {});
    const [local] = (await fetchOne('w', topic, { localVariables: true })).body;
    expect(local.variables).toEqual({ step: { type: 'String', value: 'charge', valueInfo: {} } });
    await report(task.id, 'unlock', {});
    const [deserialized] = (await fetchOne('w', topic, { variables: ['card'], deserializeValues: true })).body;
    expect(deserialized.variables.card).toEqual({ type: 'Object', value: { last4: '1' }, valueInfo: { objectTypeName: 'Card', serializationDataFormat: 'application/json' } });
  });

  test('given several tasks, then maxTasks limits, usePriority takes the highest priority first, and without it creation order holds', async () => {
    const low = await deployWork({ priority: 1 });
    const lowInstances = [await startByKey(api, low.key), await startByKey(api, low.key)];
    // the same topic in a second definition with a higher priority
    const n = ++seq;
    await deployModels(api, { [`high${n}.bpmn`]: modelerXml(`high${n}`, [start(), `<bpmn:serviceTask id="Work" camunda:type="external" camunda:topic="${low.topic}" camunda:taskPriority="50" />`, flow('F0', 'Start', 'Work')].join('\n')) });
    const high = await startByKey(api, `high${n}`);

    const byCreation = await fetchAndLock({ workerId: 'w', maxTasks: 2, topics: [{ topicName: low.topic, lockDuration: 1000 }] });
    expect(byCreation.body.map((t: any) => t.processInstanceId)).toEqual(lowInstances.map((p) => p.id));
    for (const t of byCreation.body) await report(t.id, 'unlock', {});

    const byPriority = await fetchAndLock({ workerId: 'w', maxTasks: 2, usePriority: true, topics: [{ topicName: low.topic, lockDuration: 1000 }] });
    expect(byPriority.body.map((t: any) => [t.processInstanceId, t.priority])).toEqual([[high.id, 50], [lowInstances[0].id, 1]]);
    for (const t of byPriority.body) await report(t.id, 'unlock', {});

    const newestFirst = await fetchAndLock({ workerId: 'w', maxTasks: 3, sorting: [{ sortBy: 'createTime', sortOrder: 'desc' }], topics: [{ topicName: low.topic, lockDuration: 1000 }] });
    expect(newestFirst.body.map((t: any) => t.processInstanceId)).toEqual([high.id, lowInstances[1].id, lowInstances[0].id]);
  });

  test('given topic filters, then only tasks of matching business key, definition and process variables are fetched', async () => {
    const { key, topic } = await deployWork();
    const a = await startByKey(api, key, { businessKey: 'A', variables: { region: typed('north', 'String') } });
    const b = await startByKey(api, key, { businessKey: 'B', variables: { region: typed('south', 'String') } });
    const fetchWith = async (filter: Record<string, unknown>) => {
      const res = await fetchAndLock({ workerId: 'w', maxTasks: 5, topics: [{ topicName: topic, lockDuration: 1000, ...filter }] });
      for (const t of res.body) await report(t.id, 'unlock', {});
      return res.body.map((t: any) => t.processInstanceId);
    };
    expect(await fetchWith({ businessKey: 'B' })).toEqual([b.id]);
    expect(await fetchWith({ processVariables: { region: 'north' } })).toEqual([a.id]);
    expect(await fetchWith({ processVariables: { region: 'east', nothing: 1 } })).toEqual([]);
    expect(await fetchWith({ processDefinitionKey: key })).toEqual([a.id, b.id]);
    expect(await fetchWith({ processDefinitionKeyIn: ['other'] })).toEqual([]);
    expect(await fetchWith({ withoutTenantId: true })).toEqual([a.id, b.id]);
    expect(await fetchWith({ tenantIdIn: ['t1'] })).toEqual([]);
  });

  test('given two concurrent fetches and many tasks, then no task is ever handed to two workers (SKIP LOCKED)', async () => {
    const { key, topic } = await deployWork();
    for (let i = 0; i < 12; i++) await startByKey(api, key);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => fetchAndLock({ workerId: `w${i}`, maxTasks: 3, topics: [{ topicName: topic, lockDuration: 60_000 }] })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    const ids = results.flatMap((r) => r.body.map((t: any) => t.id));
    expect(new Set(ids).size).toBe(ids.length);
    const owners = await api.db.query<{ id: string; worker_id: string }>('select id, worker_id from engine.external_task where topic_name = $1 and worker_id is not null', [topic]);
    expect(owners).toHaveLength(ids.length);
    for (const r of results) for (const t of r.body) expect(owners.find((o) => o.id === t.id)?.worker_id).toBe(t.workerId);
  });

  test('bad requests are refused as Camunda refuses them and lock nothing', async () => {
    const { key, topic } = await deployWork();
    await startByKey(api, key);
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ maxTasks: 1, topics: [{ topicName: topic, lockDuration: 1000 }] }, 500, 'NullValueException', 'workerId is null'],
      [{ workerId: 'w', maxTasks: 1, topics: [{ topicName: topic }] }, 500, 'ProcessEngineException', 'lockTime is not greater than 0'],
      [{ workerId: 'w', maxTasks: -1, topics: [{ topicName: topic, lockDuration: 1000 }] }, 500, 'ProcessEngineException', 'maxResults is not greater than or equal to 0'],
      [{ workerId: 'w', maxTasks: 1, topics: [{ lockDuration: 1000 }] }, 500, 'NullValueException', 'topicName is null'],
      [{ workerId: 'w', maxTasks: 'many', topics: [] }, 400, 'InvalidRequestException', `Cannot read 'maxTasks': "many" is not an integer.`],
      [{ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 1_800_001, topics: [{ topicName: topic, lockDuration: 1000 }] }, 400, 'InvalidRequestException',
        'The asynchronous response timeout cannot be set to a value greater than 1800000 milliseconds'],
      [{ workerId: 'w', maxTasks: 1, sorting: [{ sortBy: 'priority' }], topics: [{ topicName: topic, lockDuration: 1000 }] }, 400, 'InvalidRequestException',
        'Cannot set query sortBy parameter to value priority'],
    ];
    for (const [body, status, type, message] of cases) {
      const res = await fetchAndLock(body);
      expect([res.status, res.body.type, res.body.message]).toEqual([status, type, message]);
    }
    const malformed = await api.request('POST', '/external-task/fetchAndLock', { body: '{"workerId":', headers: { 'Content-Type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.type).toBe('JsonParseException');
    expect(await api.db.query('select 1 from engine.external_task where topic_name = $1 and worker_id is not null', [topic])).toEqual([]);
    // no topics or no tasks asked for: nothing
    expect((await fetchAndLock({ workerId: 'w', maxTasks: 1, topics: [] })).body).toEqual([]);
    expect((await fetchAndLock({ workerId: 'w', topics: [{ topicName: topic, lockDuration: 1000 }] })).body).toEqual([]);
  });
});

describe('long polling', () => {
  /** Resolves after `ms`: lets a long poll reach its wait (nothing observable tells us it did). */
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  test('given a waiting long poll, when a task of its topic is created in this process, then it is answered at once', async () => {
    const { key, topic } = await deployWork();
    const polled = Date.now();
    let answered = 0;
    const poll = fetchAndLock({ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 20_000, topics: [{ topicName: topic, lockDuration: 10_000 }] }).then((r) => {
      answered = Date.now();
      return r;
    });
    await settle(300);
    expect(answered).toBe(0);
    const pi = await startByKey(api, key);
    const created = Date.now();
    const res = await poll;
    expect(res.status).toBe(200);
    expect(res.body.map((t: any) => [t.processInstanceId, t.workerId])).toEqual([[pi.id, 'w']]);
    expect(answered - created).toBeLessThan(1_000); // the signal, not the 2 s re-check
    expect(answered - polled).toBeGreaterThanOrEqual(300);
  });

  test('given a long poll and nothing to do, then it answers [] at the timeout', async () => {
    const { topic } = await deployWork();
    const t0 = Date.now();
    const res = await fetchAndLock({ workerId: 'w', maxTasks: 1, asyncResponseTimeout: 600, topics: [{ topicName: topic, lockDuration: 1000 }] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(590);
  });

  test('given a task locked by another worker, when its lock expires during a long poll, then the poll gets it', async () => {
    const { key, topic } = await deployWork();
    await startByKey(api, key);
    const [first] = (await fetchAndLock({ workerId: 'slow', maxTasks: 1, topics: [{ topicName: topic, lockDuration: 700 }] })).body;
    const t0 = Date.now();
    const res = await fetchAndLock({ workerId: 'fast', maxTasks: 1, asyncResponseTimeout: 10_000, topics: [{ topicName: topic, lockDuration: 10_000 }] });
    expect(res.body.map((t: any) => [t.id, t.workerId])).toEqual([[first.id, 'fast']]);
    expect(Date.now() - t0).toBeLessThan(2_000);
    // the slow worker lost it: its completion is refused
    const late = await report(first.id, 'complete', { workerId: 'slow' });
    expect(late.status).toBe(400);
  });

  test('given two long polls, when one task appears, then one gets it and the other keeps waiting until the next task', async () => {
    const { key, topic } = await deployWork();
    const poll = (workerId: string) => fetchAndLock({ workerId, maxTasks: 1, asyncResponseTimeout: 15_000, topics: [{ topicName: topic, lockDuration: 10_000 }] });
    const polls = [poll('a'), poll('b')];
    await settle(300);
    await startByKey(api, key);
    const first = await Promise.race(polls);
    expect(first.body).toHaveLength(1);
    await startByKey(api, key);
    const both = await Promise.all(polls);
    expect(both.map((r) => r.body.length)).toEqual([1, 1]);
    expect(new Set(both.map((r) => r.body[0].id)).size).toBe(2);
  });

  test('given a long poll whose client went away, when a task appears, then the dropped request takes nothing', async () => {
    const { key, topic } = await deployWork();
    const abort = new AbortController();
    const gone = fetch(`${api.url}/external-task/fetchAndLock`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ workerId: 'gone', maxTasks: 1, asyncResponseTimeout: 20_000, topics: [{ topicName: topic, lockDuration: 10_000 }] }),
      signal: abort.signal,
    }).catch((e: unknown) => e);
    await settle(200);
    abort.abort();
    expect(await gone).toMatchObject({ name: 'AbortError' });
    await settle(100);
    const pi = await startByKey(api, key);
    await settle(300); // a live waiter would have locked it by now
    expect(await api.db.query('select worker_id from engine.external_task where process_instance_id = $1', [pi.id])).toEqual([{ worker_id: null }]);
    const res = await fetchOne('here', topic);
    expect(res.body.map((t: any) => t.workerId)).toEqual(['here']);
  });

  test('given a long poll on a second engine process on the same database, when a task is created through the first, then NOTIFY wakes it at once, also after its listener reconnected', async () => {
    const url = (api.db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
    const db = poolDb(url);
    const logged: unknown[] = [];
    const engine = createEngine({ db, databaseUrl: url, log: (_m, e) => logged.push(e) });
    const listener = await engine.listen();
    const app = express();
    app.use('/engine-rest', engine.router());
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const other = `http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest`;
    const pollOther = (topic: string) =>
      fetch(`${other}/external-task/fetchAndLock`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ workerId: 'remote', maxTasks: 1, asyncResponseTimeout: 20_000, topics: [{ topicName: topic, lockDuration: 10_000 }] }),
      }).then(async (r) => ({ at: Date.now(), body: await r.json() }));
    try {
      const { key, topic } = await deployWork();
      const poll = pollOther(topic);
      await settle(300);
      const pi = await startByKey(api, key);
      const created = Date.now();
      const res = await poll;
      expect(res.body.map((t: any) => [t.processInstanceId, t.workerId])).toEqual([[pi.id, 'remote']]);
      expect(res.at - created).toBeLessThan(1_000);

      // the listener's connection dies: it reconnects and hears notifications again
      // This database's listener only: other test files' engines listen on the same server.
      const listeners = async () =>
        api.db.query<{ pid: number }>(`select pid from pg_stat_activity where application_name = $1 and datname = current_database()`, [LISTENER_APPLICATION_NAME]);
      const [old] = await listeners();
      await api.db.query('select pg_terminate_backend($1)', [old.pid]);
      await waitFor(async () => (await listeners()).some((l) => l.pid !== old.pid));
      const again = pollOther(topic);
      await settle(300);
      const pi2 = await startByKey(api, key);
      const created2 = Date.now();
      const res2 = await again;
      expect(res2.body.map((t: any) => t.processInstanceId)).toEqual([pi2.id]);
      expect(res2.at - created2).toBeLessThan(1_000);
      expect(logged.length).toBeGreaterThan(0); // the lost connection was reported
    } finally {
      await listener.stop();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.close();
    }
  });
});

describe("the worker's reports", () => {
  async function lockedTask(more: Record<string, unknown> = {}) {
    const { key, topic } = await deployWork();
    const pi = await startByKey(api, key, more);
    const [task] = (await fetchOne('worker-1', topic)).body;
    return { pi, task, topic };
  }

  test('given a locked task, when its worker completes it with variables, then the instance moves on and the task is gone', async () => {
    const { pi, task } = await lockedTask({ variables: { amount: typed(5, 'Integer') } });
    const res = await report(task.id, 'complete', { workerId: 'worker-1', variables: { paid: typed(true, 'Boolean'), amount: typed(6, 'Integer') }, localVariables: { note: typed('local', 'String') } });
    expect(res.status).toBe(204);
    expect(await waitsOf(pi.id)).toEqual(['Done']);
    expect((await api.get(`/external-task/${task.id}`)).status).toBe(404);
    const [state] = await api.db.query<any>('select state from engine.process_instance where id = $1', [pi.id]);
    expect(state.state.variables).toEqual({ amount: { type: 'integer', value: 6 }, paid: { type: 'boolean', value: true } });
    const history = await api.db.query<any>(`select name, value from engine.hi_variable where process_instance_id = $1 order by name`, [pi.id]);
    expect(history).toEqual([{ name: 'amount', value: 6 }, { name: 'note', value: 'local' }, { name: 'paid', value: true }]);
    const acts = await api.db.query<any>(`select activity_id, end_time is not null as ended from engine.hi_activity_instance where process_instance_id = $1 order by seq`, [pi.id]);
    expect(acts).toEqual([{ activity_id: 'Start', ended: true }, { activity_id: 'Work', ended: true }, { activity_id: 'Done', ended: false }]);
  });

  test('given a task locked by one worker, when another reports on it, then 400 with Camunda\'s message and nothing changes', async () => {
    const { pi, task } = await lockedTask();
    const id = task.id;
    const refusals: [string, Record<string, unknown>, string][] = [
      ['complete', { workerId: 'intruder' }, `External Task ${id} cannot be completed by worker 'intruder'. It is locked by worker 'worker-1'.`],
      ['failure', { workerId: 'intruder', retries: 1 }, `Failure of External Task ${id} cannot be reported by worker 'intruder'. It is locked by worker 'worker-1'.`],
      ['bpmnError', { workerId: 'intruder', errorCode: 'declined' }, `Bpmn error of External Task ${id} cannot be reported by worker 'intruder'. It is locked by worker 'worker-1'.`],
      ['extendLock', { workerId: 'intruder', newDuration: 1000 }, `The lock of the External Task ${id} cannot be extended by worker 'intruder''. It is locked by worker 'worker-1'.`],
      ['lock', { workerId: 'intruder', lockDuration: 1000 }, `External Task ${id} cannot be locked by worker 'intruder'. It is locked by worker 'worker-1'.`],
    ];
    const before = await taskRow(id);
    for (const [what, body, message] of refusals) {
      const res = await report(id, what, body);
      expect([what, res.status, res.body]).toEqual([what, 400, { type: 'RestException', message, code: 0 }]);
    }
    expect(await taskRow(id)).toEqual(before);
    expect(await waitsOf(pi.id)).toEqual([]);
  });

  test('bad reports: unknown task 404, missing worker 500 NullValueException, bad variables 400 — nothing changes', async () => {
    const { pi, task } = await lockedTask();
    const unknown = await report('nope', 'complete', { workerId: 'worker-1' });
    expect([unknown.status, unknown.body]).toEqual([404, { type: 'RestException', message: 'External task with id nope does not exist', code: 0 }]);
    const noWorker = await report(task.id, 'complete', {});
    expect([noWorker.status, noWorker.body.type, noWorker.body.message]).toEqual([500, 'NullValueException', 'workerId is null']);
    const badVar = await report(task.id, 'complete', { workerId: 'worker-1', variables: { n: typed('x', 'Integer') } });
    expect(badVar.status).toBe(400);
    expect(badVar.body.message).toBe(`Cannot complete external task ${task.id}: Cannot convert value 'x' of type 'Integer' to java type java.lang.Integer`);
    const notObject = await report(task.id, 'complete', { workerId: 'worker-1', variables: [1] });
    expect(notObject.status).toBe(400);
    const noCode = await report(task.id, 'bpmnError', { workerId: 'worker-1' });
    expect([noCode.status, noCode.body.message]).toEqual([500, 'errorCode is null']);
    const negative = await report(task.id, 'failure', { workerId: 'worker-1', retries: -1 });
    expect([negative.status, negative.body.message]).toEqual([500, 'retries is not greater than or equal to 0']);
    expect(await waitsOf(pi.id)).toEqual([]);
    expect(await taskRow(task.id)).toMatchObject({ worker_id: 'worker-1', retries: null, error_message: null });
  });

  test('given a failure with retries left, then the error is kept and the task is fetchable again after retryTimeout', async () => {
    const { task, topic } = await lockedTask();
    const res = await report(task.id, 'failure', { workerId: 'worker-1', errorMessage: 'timeout', errorDetails: 'stack\nline 2', retries: 2, retryTimeout: 500 });
    expect(res.status).toBe(204);
    expect(await taskRow(task.id)).toMatchObject({ retries: 2, error_message: 'timeout', error_details: 'stack\nline 2', worker_id: 'worker-1' });
    expect((await fetchOne('worker-2', topic)).body).toEqual([]);
    const again = await fetchAndLock({ workerId: 'worker-2', maxTasks: 1, asyncResponseTimeout: 5_000, topics: [{ topicName: topic, lockDuration: 1000 }] });
    expect(again.body.map((t: any) => [t.id, t.retries, t.errorMessage, t.errorDetails])).toEqual([[task.id, 2, 'timeout', 'stack\nline 2']]);
    const details = await api.get(`/external-task/${task.id}/errorDetails`);
    expect([details.status, details.contentType, details.text]).toEqual([200, 'text/plain', 'stack\nline 2']);
    expect((await api.get(`/incident?configuration=${task.id}`)).body).toEqual([]);
  });

  test('given a failure without retries left, then an incident is raised and the task is not fetchable until retries are set again, which resolves the incident', async () => {
    const { pi, task, topic } = await lockedTask();
    const long = 'x'.repeat(700);
    expect((await report(task.id, 'failure', { workerId: 'worker-1', errorMessage: long, retries: 0, retryTimeout: 0 })).status).toBe(204);
    expect((await taskRow(task.id)).error_message).toHaveLength(666);

    const incidents = await api.get(`/incident?processInstanceId=${pi.id}`);
    expect(incidents.status).toBe(200);
    expect(incidents.body).toEqual([
      {
        id: expect.any(String),
        processDefinitionId: task.processDefinitionId,
        processInstanceId: pi.id,
        executionId: task.executionId,
        incidentTimestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/),
        incidentType: 'failedExternalTask',
        activityId: 'Work',
        failedActivityId: 'Work',
        causeIncidentId: incidents.body[0].id,
        rootCauseIncidentId: incidents.body[0].id,
        configuration: task.id,
        tenantId: null,
        incidentMessage: 'x'.repeat(666),
        jobDefinitionId: null,
        annotation: null,
      },
    ]);
    expect((await api.get(`/incident/count?incidentType=failedExternalTask&configuration=${task.id}`)).body).toEqual({ count: 1 });
    expect((await api.get(`/incident/${incidents.body[0].id}`)).body.id).toBe(incidents.body[0].id);
    expect((await api.get(`/external-task/count?noRetriesLeft=true&topicName=${topic}`)).body).toEqual({ count: 1 });
    expect((await fetchOne('worker-2', topic)).body).toEqual([]);

    const negative = await sendJsonTo(api, 'PUT', `/external-task/${task.id}/retries`, { retries: -1 });
    expect([negative.status, negative.body]).toEqual([400, { type: 'BadUserRequestException', message: 'The number of retries cannot be negative: retries is not greater than or equal to 0', code: 0 }]);
    const missing = await sendJsonTo(api, 'PUT', `/external-task/${task.id}/retries`, {});
    expect([missing.status, missing.body.type, missing.body.message]).toEqual([400, 'InvalidRequestException', 'The number of retries cannot be null.']);
    expect((await sendJsonTo(api, 'PUT', '/external-task/nope/retries', { retries: 1 })).status).toBe(404);
    expect((await api.get(`/incident/count?processInstanceId=${pi.id}`)).body).toEqual({ count: 1 });

    expect((await sendJsonTo(api, 'PUT', `/external-task/${task.id}/retries`, { retries: 1 })).status).toBe(204);
    expect((await api.get(`/incident/count?processInstanceId=${pi.id}`)).body).toEqual({ count: 0 });
    expect((await fetchOne('worker-2', topic)).body.map((t: any) => [t.id, t.retries])).toEqual([[task.id, 1]]);
  });

  test('given a BPMN error reported by the worker, then the error boundary event takes over', async () => {
    const { pi, task } = await lockedTask();
    const res = await report(task.id, 'bpmnError', { workerId: 'worker-1', errorCode: 'declined', errorMessage: 'card declined', variables: { reason: typed('no funds', 'String') } });
    expect(res.status).toBe(204);
    expect(await waitsOf(pi.id)).toEqual(['Declined']);
    expect((await api.get(`/external-task/${task.id}`)).status).toBe(404);
    const [state] = await api.db.query<any>('select state from engine.process_instance where id = $1', [pi.id]);
    expect(state.state.variables.reason).toEqual({ type: 'string', value: 'no funds' });
  });

  test('extendLock, unlock and lock move the lock as Camunda does', async () => {
    const { task, topic } = await lockedTask();
    const extend = await report(task.id, 'extendLock', { workerId: 'worker-1', newDuration: 600_000 });
    expect(extend.status).toBe(204);
    const extended = Date.parse((await api.get(`/external-task/${task.id}`)).body.lockExpirationTime.replace('+0000', 'Z'));
    expect(extended).toBeGreaterThan(Date.now() + 590_000);
    const zero = await report(task.id, 'extendLock', { workerId: 'worker-1', newDuration: 0 });
    expect([zero.status, zero.body.message]).toEqual([400, 'lockTime is not greater than 0']);

    expect((await report(task.id, 'unlock', {})).status).toBe(204);
    expect(await taskRow(task.id)).toMatchObject({ worker_id: null, lock_expiration_time: null });
    const stale = await report(task.id, 'extendLock', { workerId: 'worker-1', newDuration: 1000 });
    expect(stale.body.message).toBe(`The lock of the External Task ${task.id} cannot be extended by worker 'worker-1''. It is locked by worker 'null'.`);
    expect((await report('nope', 'unlock', {})).status).toBe(404);

    expect((await report(task.id, 'lock', { workerId: 'worker-3', lockDuration: 100 })).status).toBe(204);
    expect((await taskRow(task.id)).worker_id).toBe('worker-3');
    const expired = await waitFor(async () => (await api.get(`/external-task/count?notLocked=true&topicName=${topic}`)).body.count === 1).then(() =>
      report(task.id, 'extendLock', { workerId: 'worker-3', newDuration: 1000 }),
    );
    expect(expired.status).toBe(400);
    expect(expired.body.message).toMatch(/^Cannot extend a lock that expired: lockExpirationTime is not greater than or equal to \d+$/);
    // an expired lock of another worker does not stop a new lock
    expect((await report(task.id, 'lock', { workerId: 'worker-4', lockDuration: 1000 })).status).toBe(204);
  });
});

describe('the query', () => {
  test('GET and POST /external-task filter, sort and page; count, topic names and priority', async () => {
    const { key, topic } = await deployWork({ priority: 3 });
    const instances = [await startByKey(api, key), await startByKey(api, key), await startByKey(api, key)];
    const [locked] = (await fetchOne('w1', topic)).body;
    const ids = (await api.get(`/external-task?topicName=${topic}&sortBy=createTime&sortOrder=asc`)).body.map((t: any) => t.id);
    expect(ids).toHaveLength(3);

    const list = await api.get(`/external-task?topicName=${topic}&locked=true`);
    expect(list.status).toBe(200);
    expect(list.contentType).toBe('application/json');
    expect(list.body).toEqual([
      {
        activityId: 'Work',
        activityInstanceId: locked.activityInstanceId,
        errorMessage: null,
        executionId: locked.executionId,
        id: locked.id,
        lockExpirationTime: locked.lockExpirationTime,
        createTime: locked.createTime,
        processDefinitionId: locked.processDefinitionId,
        processDefinitionKey: key,
        processDefinitionVersionTag: null,
        processInstanceId: instances[0].id,
        retries: null,
        suspended: false,
        workerId: 'w1',
        topicName: topic,
        tenantId: null,
        priority: 3,
        businessKey: null,
      },
    ]);
    const count = async (q: string) => (await api.get(`/external-task/count?topicName=${topic}&${q}`)).body.count;
    expect(await count('notLocked=true')).toBe(2);
    expect(await count('workerId=w1')).toBe(1);
    expect(await count('withRetriesLeft=true')).toBe(3);
    expect(await count(`processInstanceIdIn=${instances[1].id},${instances[2].id}`)).toBe(2);
    expect(await count('activityIdIn=Work,Other')).toBe(3);
    expect(await count('priorityHigherThanOrEquals=4')).toBe(0);
    expect(await count('active=true')).toBe(3);
    expect(await count(`lockExpirationAfter=2000-01-01T00:00:00.000%2B0000`)).toBe(1);

    expect((await sendJsonTo(api, 'PUT', `/external-task/${ids[2]}/priority`, { priority: 9 })).status).toBe(204);
    const paged = await api.get(`/external-task?topicName=${topic}&sortBy=taskPriority&sortOrder=desc&firstResult=0&maxResults=2`);
    expect(paged.body.map((t: any) => [t.id, t.priority])).toEqual([[ids[2], 9], expect.any(Array)]);

    const posted = await sendJsonTo(api, 'POST', '/external-task?maxResults=2', { topicName: topic, notLocked: true, sorting: [{ sortBy: 'createTime', sortOrder: 'desc' }] });
    expect(posted.body.map((t: any) => t.id)).toEqual([ids[2], ids[1]]);
    expect((await sendJsonTo(api, 'POST', '/external-task/count', { topicName: topic, externalTaskIdIn: [ids[0]] })).body).toEqual({ count: 1 });

    const topics = await api.get('/external-task/topic-names?withUnlockedTasks=true');
    expect(topics.body).toContain(topic);
    expect((await api.get(`/external-task/topic-names?withLockedTasks=true`)).body).toContain(topic);

    const bad = await api.get('/external-task?locked=maybe');
    expect([bad.status, bad.body]).toEqual([400, { type: 'InvalidRequestException', message: "Cannot set query parameter 'locked' to value 'maybe'", code: null }]);
    expect((await api.get('/external-task?sortBy=nope&sortOrder=asc')).status).toBe(400);
    const missing = await api.get('/external-task/nope');
    expect([missing.status, missing.body]).toEqual([404, { type: 'RestException', message: 'External task with id nope does not exist', code: null }]);
    expect((await api.get('/incident/nope')).status).toBe(404);
    expect((await api.get('/incident?sortBy=incidentTimestamp&sortOrder=sideways')).status).toBe(400);
  });
});
