/**
 * The EngineClient calls the process modeler makes (runtime/studio-process/routes.ts), on the
 * embedded engine and on Operaton, compared: the startup's file deployment (duplicate filtering),
 * the studio's deploys (deployment `studio`, source `crm-studio`, no filtering: a new version each
 * time, the file deployment's filtering untouched), the definitions of every version with their
 * names, the running instances per version, and the XML a version runs. A process key of its own
 * per run, so runs sharing one Operaton do not meet. Where they differ — Operaton refuses a process
 * without a history time to live, the embedded engine takes it — the studio's checks refuse it on
 * the process element before any engine sees it.
 */
import { randomBytes } from 'node:crypto';
import { remoteClient, type EngineClient, type ProcessDefinitionDto } from '../../engine/index.js';
import { checkModel } from '../../runtime/studio-process/model.js';
import { STUDIO_DEPLOYMENT } from '../../runtime/studio-process/routes.js';
import { startEngineRest, type EngineRestServer } from '../engine/support.js';

const KEY = `studio-conformance-${randomBytes(4).toString('hex')}`;
const model = (name: string, ttl = ' camunda:historyTimeToLive="30"') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_1" targetNamespace="http://bpmn.io/schema/bpmn">
  <bpmn:process id="${KEY}" name="${name}" isExecutable="true"${ttl}>
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="Flow_1" sourceRef="Start" targetRef="Review" />
    <bpmn:userTask id="Review" name="Review" camunda:candidateGroups="role:analyst" />
    <bpmn:sequenceFlow id="Flow_2" sourceRef="Review" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>
`;
const FILE = model('Studio conformance (文件)');
const EDITED = model('Studio conformance (工作室)');
const resources = (xml: string) => [{ name: `${KEY}.bpmn`, content: Buffer.from(xml, 'utf8') }];

let embeddedApi: EngineRestServer;
let operatonDbApi: EngineRestServer;
let clients: { embedded: EngineClient; operaton: EngineClient };

beforeAll(async () => {
  embeddedApi = await startEngineRest('studio_conf');
  // The remote client keeps its outbox in a database of ours; this one's engine is not used.
  operatonDbApi = await startEngineRest('studio_conf_outbox');
  clients = { embedded: embeddedApi.engine.client(), operaton: remoteClient({ url: process.env.OPERATON_URL!, db: operatonDbApi.db, log: () => {}, deliverers: 0 }) };
}, 60_000);
afterAll(async () => {
  await clients?.operaton.stop();
  await embeddedApi?.stop();
  await operatonDbApi?.stop();
});

/** A definition without what differs by engine and run (ids, deployment ids, times). */
const neutral = (d: ProcessDefinitionDto, deployments: string[]) => {
  const { id: _id, deploymentId, ...rest } = d;
  return { ...rest, deployment: deployments.indexOf(deploymentId) };
};

/** What the modeler observes of one engine, driven the same way. */
async function observe(client: EngineClient) {
  const deployed = [
    await client.deploy({ name: 'processes', resources: resources(FILE) }),
    await client.deploy({ ...STUDIO_DEPLOYMENT, duplicateFiltering: false, resources: resources(FILE) }),
    await client.deploy({ ...STUDIO_DEPLOYMENT, duplicateFiltering: false, resources: resources(EDITED) }),
    // A restart with the file unchanged: its deployment finds nothing changed, the studio's version stays the latest.
    await client.deploy({ name: 'processes', resources: resources(FILE) }),
  ];
  const versions = (await client.processDefinitions()).filter((d) => d.key === KEY);
  const deployments = [...new Set(versions.map((d) => d.deploymentId))];
  const { id: started } = await client.startProcess({ processKey: KEY, businessKey: `${KEY}-1` });
  const running = await client.runningInstanceCounts();
  const latest = versions[versions.length - 1]!;
  return {
    deployed: deployed.map((ids) => ids.length),
    deployedAreListed: deployed.flat().every((id) => versions.some((d) => d.id === id)),
    versions: versions.map((d) => neutral(d, deployments)),
    running: versions.map((d) => running[d.id] ?? 0),
    startedOnLatest: (await client.processInstances(`${KEY}-1`)).map((p) => [p.id === started, p.processDefinitionId === latest.id]),
    xml: [await client.definitionXml(versions[0]!.id), await client.definitionXml(latest.id)],
  };
}

test('the modeler\'s calls answer the same on the embedded engine and on Operaton', async () => {
  const embedded = await observe(clients.embedded);
  expect(embedded).toMatchObject({
    deployed: [1, 1, 1, 0],
    deployedAreListed: true,
    versions: [
      { key: KEY, version: 1, name: 'Studio conformance (文件)', resource: `${KEY}.bpmn`, deployment: 0 },
      { key: KEY, version: 2, name: 'Studio conformance (文件)', resource: `${KEY}.bpmn`, deployment: 1 },
      { key: KEY, version: 3, name: 'Studio conformance (工作室)', resource: `${KEY}.bpmn`, deployment: 2 },
    ],
    running: [0, 0, 1],
    startedOnLatest: [[true, true]],
    xml: [FILE, EDITED],
  });
  expect(await observe(clients.operaton)).toEqual(embedded);
}, 120_000);

test('a process without a history time to live: Operaton refuses it, the embedded engine takes it, the studio\'s checks refuse it on the process', async () => {
  const key = `${KEY}-nottl`;
  const xml = model('No TTL', '').replaceAll(`"${KEY}"`, `"${key}"`);
  const deploy = (client: EngineClient) => client.deploy({ ...STUDIO_DEPLOYMENT, duplicateFiltering: false, resources: [{ name: `${key}.bpmn`, content: Buffer.from(xml) }] });
  await expect(deploy(clients.operaton)).rejects.toThrow(/History Time To Live/);
  expect(await deploy(clients.embedded)).toHaveLength(1);
  const noForms = { get: () => undefined, forms: new Map() } as unknown as Parameters<typeof checkModel>[1];
  const { problems } = await checkModel(xml, noForms, null, async () => new Map());
  expect(problems).toEqual([expect.objectContaining({ elementId: key, line: 3, message: expect.stringMatching(/history time to live/) })]);
});
