/**
 * The job executor on real PostgreSQL: async continuations run as soon as they are created, timers
 * when due, failures retry into an incident, timer start events start instances, and two executors
 * (two engines, as two server processes) share one database without running a job twice.
 */
import { createEngine, type JobExecutor } from '../../../engine/index.js';
import { flow, modelerXml, start } from '../core/support.js';
import { deployModels, poolDb, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
const running: JobExecutor[] = [];

const timerDef = (kind: 'timeDuration' | 'timeDate', value: string) =>
  `<bpmn:timerEventDefinition><bpmn:${kind} xsi:type="bpmn:tFormalExpression">${value}</bpmn:${kind}></bpmn:timerEventDefinition>`;

/** An async continuation before a task, then the end: one job per instance. */
const hop = modelerXml('hop', `${start('Start', 'F0')}${flow('F0', 'Start', 'Hop')}<bpmn:task id="Hop" camunda:asyncBefore="true" />${flow('F1', 'Hop', 'End')}<bpmn:endEvent id="End" />`);
const asyncTask = modelerXml(
  'asyncTask',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Review')}<bpmn:userTask id="Review" camunda:asyncBefore="true" camunda:assignee="anna" />${flow('F1', 'Review', 'End')}<bpmn:endEvent id="End" />`,
);
const broken = modelerXml(
  'broken',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Call')}<bpmn:serviceTask id="Call" camunda:asyncBefore="true" camunda:type="external" camunda:topic="\${missing}" />${flow('F1', 'Call', 'End')}<bpmn:endEvent id="End" />`,
);
const soon = modelerXml(
  'soon',
  `${start('Start', 'F0')}${flow('F0', 'Start', 'Later')}<bpmn:intermediateCatchEvent id="Later">${timerDef('timeDuration', 'PT1S')}</bpmn:intermediateCatchEvent>${flow('F1', 'Later', 'After')}<bpmn:userTask id="After" />${flow('F2', 'After', 'End')}<bpmn:endEvent id="End" />`,
);
const overdue = modelerXml(
  'overdue',
  `<bpmn:startEvent id="Tick"><bpmn:outgoing>F0</bpmn:outgoing>${timerDef('timeDate', '2020-01-01T00:00:00Z')}</bpmn:startEvent>${flow('F0', 'Tick', 'Report')}<bpmn:userTask id="Report" />${flow('F1', 'Report', 'End')}<bpmn:endEvent id="End" />`,
);

beforeAll(async () => {
  api = await startEngineRest('jobexec');
  await deployModels(api, { 'hop.bpmn': hop, 'async-task.bpmn': asyncTask, 'broken.bpmn': broken, 'soon.bpmn': soon });
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((e) => e.stop()));
  expect(api.errors).toEqual([]);
});
afterAll(async () => api.stop());

/** Wait (polling, with a deadline) until `check` holds; fails with what it last saw. */
async function waitFor<T>(what: string, probe: () => Promise<T>, check: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last saw ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const run = (executor: JobExecutor) => (running.push(executor), executor);
const count = async (sql: string, params: unknown[] = []) => (await api.db.query<{ n: number }>(`select count(*)::int as n from (${sql}) x`, params))[0].n;

test('given an idle executor polling once a minute, when an instance creates an async job, then the job runs at once (woken by the commit)', async () => {
  run(api.engine.startJobExecutor({ pollIntervalMs: 60_000 }));
  await new Promise((r) => setTimeout(r, 50)); // let every worker find nothing and fall asleep
  const pi = await startByKey(api, 'asyncTask');
  await waitFor('the user task', () => count('select 1 from engine.task where process_instance_id = $1', [pi.id]), (n) => n === 1, 3000);
  expect(await count('select 1 from engine.job where process_instance_id = $1', [pi.id])).toBe(0);
});

test('given an idle executor of another engine process listening for notifications, when this process creates an async job, then NOTIFY wakes it at once', async () => {
  const url = (api.db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const otherDb = poolDb(url);
  const other = createEngine({ db: otherDb, databaseUrl: url, log: (_m, e) => api.errors.push(e) });
  const listener = await other.listen();
  try {
    const executor = run(other.startJobExecutor({ pollIntervalMs: 60_000 }));
    await new Promise((r) => setTimeout(r, 50)); // let every worker find nothing and fall asleep
    const pi = await startByKey(api, 'asyncTask');
    await waitFor('the user task', () => count('select 1 from engine.task where process_instance_id = $1', [pi.id]), (n) => n === 1, 3000);
    expect(executor.executed).toBe(1);
  } finally {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    await listener.stop();
    await otherDb.close();
  }
});

test('given a timer due in a second, when an executor polling once a minute starts, then it sleeps only until the due date and fires it', async () => {
  const pi = await startByKey(api, 'soon');
  run(api.engine.startJobExecutor({ pollIntervalMs: 60_000 }));
  await waitFor('the timer to fire', () => count(`select 1 from engine.task where process_instance_id = $1 and task_definition_key = 'After'`, [pi.id]), (n) => n === 1, 5000);
});

test('given a job that always fails, when the executor runs it, then it retries after the delay and ends with no retries and a failedJob incident', async () => {
  const executor = run(api.engine.startJobExecutor({ retryDelayMs: 20 }));
  const pi = await startByKey(api, 'broken');
  const [job] = await waitFor(
    'the retries to run out',
    () => api.db.query<any>('select id, retries, exception_message, failed_activity_id from engine.job where process_instance_id = $1', [pi.id]),
    (rows) => rows[0]?.retries === 0,
  );
  expect(job.exception_message).toContain('missing');
  expect(job.failed_activity_id).toBe('Call');
  expect(executor.failed).toBe(3);
  const incidents = await api.db.query<any>('select incident_type, configuration from engine.incident where process_instance_id = $1', [pi.id]);
  expect(incidents).toEqual([{ incident_type: 'failedJob', configuration: job.id }]);
});

test('given a timer start event whose date has passed, when deployed, then the executor starts an instance from it', async () => {
  run(api.engine.startJobExecutor());
  const { overdue: def } = await deployModels(api, { 'overdue.bpmn': overdue }, 'overdue');
  const started = await waitFor(
    'the timer start',
    () => api.db.query<any>('select start_activity_id from engine.hi_process_instance where process_definition_id = $1', [def.id]),
    (rows) => rows.length > 0,
  );
  expect(started).toEqual([{ start_activity_id: 'Tick' }]);
  expect(await count('select 1 from engine.job where process_definition_id = $1', [def.id])).toBe(0);
});

test('given 200 async jobs, when two engines on the same database run executors, then each job runs exactly once and both executors take part', async () => {
  const instances: string[] = [];
  for (let i = 0; i < 200; i += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, () => startByKey(api, 'hop')));
    instances.push(...batch.map((pi) => pi.id as string));
  }
  expect(await count(`select 1 from engine.job where process_definition_key = 'hop'`)).toBe(200);

  const url = (api.db.pool as unknown as { options: { connectionString: string } }).options.connectionString;
  const otherDb = poolDb(url);
  try {
    const other = createEngine({ db: otherDb, log: (_m, e) => api.errors.push(e) });
    const [a, b] = [run(api.engine.startJobExecutor({ workers: 3 })), run(other.startJobExecutor({ workers: 3 }))];
    await waitFor('every hop to complete', () => count(`select 1 from engine.hi_process_instance where process_definition_key = 'hop' and state = 'COMPLETED'`), (n) => n === 200, 30_000);
    await Promise.all(running.splice(0).map((e) => e.stop()));

    expect(await count(`select 1 from engine.job where process_definition_key = 'hop'`)).toBe(0);
    const perInstance = await api.db.query<{ id: string; n: number }>(
      `select process_instance_id as id, count(*)::int as n from engine.hi_activity_instance where activity_id = 'Hop' group by 1`,
    );
    expect(perInstance.map((r) => r.id).sort()).toEqual([...instances].sort());
    expect(perInstance.filter((r) => r.n !== 1)).toEqual([]);
    expect([a.failed, b.failed]).toEqual([0, 0]);
    expect(a.executed + b.executed).toBe(200);
    expect(a.executed).toBeGreaterThan(0);
    expect(b.executed).toBeGreaterThan(0);
  } finally {
    await otherDb.close();
  }
});
