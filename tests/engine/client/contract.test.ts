/**
 * The EngineClient contract: the embedded client (in-process) and the remote client (HTTP to a
 * Camunda-7-REST engine — here the same engine's /engine-rest) answer the same to the same calls:
 * deploy with duplicate filtering, start, message to a waiting instance and to none, task query by
 * business key / candidate group, claim, complete with variables, historic instances and activity
 * history, the activity instance tree, incidents and the deployed XML, the definitions with their
 * running instances and deploys of another name and source without filtering (the studio's); submit() inside a caller's
 * transaction commits or rolls back with it (embedded), or waits in the outbox until delivered (remote). The same calls against Operaton:
 * tests/conformance/outbox.conformance.ts.
 */
import { readFileSync } from 'node:fs';
import { remoteClient, type EngineClient } from '../../../engine/index.js';
import { waitFor } from '../../support/harness.js';
import { startEngineRest, type EngineRestServer } from '../support.js';

const MODEL = readFileSync(new URL('../../runtime/triggers-fixture/lead-follow-up.bpmn', import.meta.url));
let api: EngineRestServer;
let clients: Record<'embedded' | 'remote', EngineClient>;

beforeAll(async () => {
  api = await startEngineRest('client');
  clients = { embedded: api.engine.client(), remote: remoteClient({ url: api.url, db: api.db, log: () => {} }) };
  clients.remote.start();
});
afterAll(async () => {
  await clients?.remote.stop();
  await api?.stop();
});

/** Everything a client observes of one run, without ids and times. */
async function run(client: EngineClient, key: string) {
  const first = await client.deploy({ name: 'contract', resources: [{ name: 'lead-follow-up.bpmn', content: MODEL }] });
  const again = await client.deploy({ name: 'contract', resources: [{ name: 'lead-follow-up.bpmn', content: MODEL }] });
  const { id } = await client.startProcess({ processKey: 'lead-follow-up', businessKey: key, variables: { amount: { value: 7, type: 'Integer' } } });
  const nobody = await client.correlateMessage({ messageName: 'lead-updated', businessKey: `${key}-none` });
  const reached = await client.correlateMessage({ messageName: 'lead-updated', businessKey: key, processVariables: { status: { value: 'working', type: 'String' } } });
  const [task] = await client.tasks({ processInstanceBusinessKey: key, candidateGroups: ['sales-managers'] });
  await client.claimTask(task.id, 'mary');
  const claimed = await client.task(task.id);
  const waiting = await client.activityInstances(id);
  await client.completeTask(task.id, { verdict: { value: 'ok', type: 'String' } });
  const [instance] = await client.processInstances(key);
  return {
    deployed: [first.length, again.length],
    started: instance.id === id,
    correlated: [nobody, reached],
    task: { key: task.taskDefinitionKey, name: task.name, formKey: task.formKey, assignee: claimed?.assignee },
    afterComplete: (await client.tasks({ processInstanceBusinessKey: key })).length,
    missingTask: await client.task('no-such-task'),
    state: instance.state,
    history: (await client.activityHistory(id)).map((a) => `${a.activityId}:${a.activityType}`),
    waitingIn: waiting?.childActivityInstances.map((a) => a.activityId),
    treeAfterEnd: await client.activityInstances(id),
    incidents: await client.incidents(id),
    xml: (await client.definitionXml(instance.processDefinitionId))?.includes('id="lead-follow-up"'),
    missingXml: await client.definitionXml('no-such-definition'),
  };
}

test('the embedded and the remote client observe the same', async () => {
  const embedded = await run(clients.embedded, 'contract-embedded');
  const remote = await run(clients.remote, 'contract-remote');
  expect(embedded).toEqual({
    deployed: [1, 0],
    started: true,
    correlated: [0, 1],
    task: { key: 'Review', name: 'Review lead', formKey: 'crm:lead-review', assignee: 'mary' },
    afterComplete: 0,
    missingTask: null,
    state: 'COMPLETED',
    history: ['Start:startEvent', 'WaitUpdate:intermediateMessageCatch', 'Review:userTask', 'End:noneEndEvent'],
    waitingIn: ['Review'],
    treeAfterEnd: null,
    incidents: [],
    xml: true,
    missingXml: null,
  });
  expect(remote).toEqual({ ...embedded, deployed: [0, 0] }); // the embedded run deployed it already
});

test.each(['embedded', 'remote'] as const)('%s: submit() in a transaction that rolls back leaves nothing behind; one that commits starts once', async (mode) => {
  const client = clients[mode];
  const key = `submit-${mode}`;
  await expect(
    api.db.tx(async (q) => {
      await client.submit(q, { type: 'start', processKey: 'lead-follow-up', businessKey: key });
      throw new Error('the record write failed');
    }),
  ).rejects.toThrow('the record write failed');
  let after: (() => void) | undefined;
  await api.db.tx(async (q) => {
    after = (await client.submit(q, { type: 'start', processKey: 'lead-follow-up', businessKey: key })).afterCommit;
  });
  after?.();
  await waitFor(async () => (await client.processInstances(key)).length > 0);
  const instances = await client.processInstances(key);
  expect(instances).toHaveLength(1);
  const [variable] = await api.db.query<{ value: unknown }>(`select value from engine.hi_variable where process_instance_id = $1 and name = 'crmCommandId'`, [instances[0].id]);
  expect(variable?.value).toEqual(expect.stringMatching(/^[0-9a-f-]{36}$/));
});

test('both list the same definitions and running instances; a deploy of another name and source without filtering is a new version each time, and leaves the filtering of the first deployment as it was', async () => {
  const { embedded, remote } = clients;
  const resources = [{ name: 'lead-follow-up.bpmn', content: MODEL }];
  const before = (await embedded.processDefinitions()).filter((d) => d.key === 'lead-follow-up').map((d) => d.version);
  expect(before.length).toBeGreaterThan(0); // the first test deployed it as 'contract'
  // As the studio deploys: its own deployment name and source, no duplicate filtering.
  expect(await remote.deploy({ name: 'studio', source: 'crm-studio', duplicateFiltering: false, resources })).toHaveLength(1);
  expect(await embedded.deploy({ name: 'studio', source: 'crm-studio', duplicateFiltering: false, resources })).toHaveLength(1);
  // The 'contract' deployment still finds nothing changed since its own last deploy.
  expect(await embedded.deploy({ name: 'contract', resources })).toEqual([]);
  expect(await remote.deploy({ name: 'contract', resources })).toEqual([]);

  const definitions = await embedded.processDefinitions();
  expect(await remote.processDefinitions()).toEqual(definitions);
  const versions = definitions.filter((d) => d.key === 'lead-follow-up');
  expect(versions.map((d) => d.version)).toEqual([...before, before.length + 1, before.length + 2]);

  await embedded.startProcess({ processKey: 'lead-follow-up', businessKey: 'contract-running' });
  const running = await embedded.runningInstanceCounts();
  expect(await remote.runningInstanceCounts()).toEqual(running);
  expect(running[versions[versions.length - 1].id]).toBe(1);
});
