/**
 * The outbox parks a command the engine keeps refusing (here: a start of a process not deployed)
 * after its attempts, with the engine's answer; once the cause is fixed (the model deployed), a
 * retry sends it and it is delivered once. Task assignments and completions arrive in order per
 * task, and one for a task gone meanwhile (completed already) is done with instead of retried.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { listOutbox, outboxCounts, remoteClient, retryOutbox, type EngineClient, type EngineCommand } from '../../../engine/index.js';
import { waitFor } from '../../support/harness.js';
import { deployModels, sendJsonTo, startByKey, startEngineRest, type EngineRestServer } from '../support.js';

const MODEL = readFileSync(new URL('../../runtime/triggers-fixture/lead-follow-up.bpmn', import.meta.url), 'utf8').replaceAll('lead-follow-up', 'late-process');
let api: EngineRestServer;
let client: EngineClient;

beforeAll(async () => {
  api = await startEngineRest('outbox');
  client = remoteClient({ url: api.url, db: api.db, log: () => {}, maxRefusedAttempts: 3, backoffBaseMs: 10, pollMs: 50 });
  client.start();
});
afterAll(async () => {
  await client?.stop();
  await api?.stop();
});

test('a refused command is parked with the engine\'s answer after its attempts; retried after the fix, it is delivered once', async () => {
  let after: (() => void) | undefined;
  await api.db.tx(async (q) => {
    after = (await client.submit(q, { type: 'start', processKey: 'late-process', businessKey: 'late-1' })).afterCommit;
  });
  after?.();
  await waitFor(async () => (await listOutbox(api.db, 'failed', 10)).length === 1);
  const [parked] = await listOutbox(api.db, 'failed', 10);
  expect(parked).toMatchObject({ businessKey: 'late-1', attempts: 3, command: { type: 'start', processKey: 'late-process' } });
  expect(parked.lastError).toMatch(/404 RestException: No matching process definition with key: late-process/);
  expect(await listOutbox(api.db, 'pending', 10)).toEqual([]);

  await client.deploy({ name: 'late', resources: [{ name: 'late-process.bpmn', content: Buffer.from(MODEL) }] });
  expect(await retryOutbox(api.db, parked.id)).toBe(true);
  expect(await retryOutbox(api.db, parked.id)).toBe(false); // pending now, not parked
  await waitFor(async () => (await listOutbox(api.db, 'delivered', 10)).length === 1);
  expect(await client.processInstances('late-1')).toHaveLength(1);
});

/** Submit `commands` in one transaction, wait until the outbox delivered them, answer their rows in order. */
async function deliveredRows(commands: EngineCommand[]) {
  const after: (() => void)[] = [];
  const ids: string[] = [];
  await api.db.tx(async (q) => {
    for (const c of commands) {
      const s = await client.submit(q, c);
      ids.push(s.commandId);
      after.push(s.afterCommit);
    }
  });
  after.forEach((a) => a());
  await waitFor(async () => (await outboxCounts(api.db)).pending === 0);
  return api.db.query(`select business_key as "businessKey", result, attempts from engine.command_outbox where id = any($1::text[]) order by seq`, [ids]);
}

const OWNER_REVIEW = readFileSync(new URL('../../runtime/transfer-fixture/owner-review.bpmn', import.meta.url), 'utf8');

test('task assignments arrive as POST /task/{id}/assignee in the order made; one for a task gone meanwhile is done with, not retried', async () => {
  await deployModels(api, { 'owner-review.bpmn': OWNER_REVIEW });
  const [owner, first, second] = [randomUUID(), randomUUID(), randomUUID()];
  const pi = await startByKey(api, 'owner-review', { variables: { owner: { value: owner, type: 'String' } } });
  const [task] = (await sendJsonTo(api, 'POST', '/task', { processInstanceId: pi.id })).body;
  const commands: EngineCommand[] = [
    { type: 'setAssignee', taskId: task.id, userId: first },
    { type: 'setAssignee', taskId: task.id, userId: second },
    { type: 'setAssignee', taskId: 'no-such-task', userId: first },
  ];
  const rows = await deliveredRows(commands);
  expect(rows).toEqual([
    { businessKey: `task:${task.id}`, result: { assigned: first }, attempts: 1 },
    { businessKey: `task:${task.id}`, result: { assigned: second }, attempts: 1 },
    { businessKey: 'task:no-such-task', result: { taskGone: true }, attempts: 1 },
  ]);
  expect((await api.get(`/task/${task.id}`)).body.assignee).toBe(second);
});

test('a task completion arrives as POST /task/{id}/complete with its variables, once: a repeated or late one for a task gone is done with', async () => {
  await deployModels(api, { 'owner-review.bpmn': OWNER_REVIEW });
  const pi = await startByKey(api, 'owner-review', { variables: { owner: { value: randomUUID(), type: 'String' } } });
  const [task] = (await sendJsonTo(api, 'POST', '/task', { processInstanceId: pi.id })).body;
  const commands: EngineCommand[] = [
    { type: 'complete', taskId: task.id, variables: { verdict: { value: 'ok', type: 'String' }, amount: { value: 7, type: 'Integer' } } },
    { type: 'complete', taskId: task.id, variables: { verdict: { value: 'again', type: 'String' } } },
  ];
  const rows = await deliveredRows(commands);
  expect(rows).toEqual([
    { businessKey: `task:${task.id}`, result: { completed: task.id }, attempts: 1 },
    { businessKey: `task:${task.id}`, result: { taskGone: true }, attempts: 1 },
  ]);
  const vars = (await api.get(`/history/variable-instance?processInstanceId=${pi.id}`)).body;
  expect(Object.fromEntries(vars.map((v: any) => [v.name, v.value]))).toMatchObject({ verdict: 'ok', amount: 7 });
});
