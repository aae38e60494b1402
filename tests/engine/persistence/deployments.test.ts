/**
 * The deployment repository against real PostgreSQL: versions under concurrency, duplicate filtering
 * by origin, definition ids, the stored graph, and deletion guarded by what depends on a definition.
 */
import { readFileSync } from 'node:fs';
import { EngineError, type Engine } from '../../../engine/index.js';
import { DEFINITION_DEPENDENTS, getDefinitionGraph, historyDays, type DefinitionDependent } from '../../../engine/persistence/index.js';
import { engineRowCounts, freshEngine, type PoolDb } from '../support.js';

const TEMPLATE = readFileSync(new URL('./deployments.process.bpmn', import.meta.url), 'utf8');
const xml = (key: string, name = 'A process') => Buffer.from(TEMPLATE.replaceAll('KEY', key).replace('NAME', name));

let db: PoolDb;
let engine: Engine;
beforeAll(async () => {
  ({ db, engine } = await freshEngine('engdep'));
});
afterAll(async () => {
  await db.close();
});

async function rejection(p: Promise<unknown>): Promise<EngineError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected the promise to reject');
}

test('given ten deployments of one key at the same time, when they commit, then versions 1 to 10 are each used once', async () => {
  const results = await Promise.all(Array.from({ length: 10 }, (_, i) => engine.deploy({ name: `race-${i}`, resources: [{ name: 'race.bpmn', content: xml('race') }] })));
  const versions = results.map((r) => r.deployedProcessDefinitions![0].version).sort((a, b) => a - b);
  expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  expect((await engine.latestProcessDefinition('race'))?.version).toBe(10);
});

test('given a deployment, when the same resources come with the same name but another source or tenant, then they are not duplicates', async () => {
  const resources = [{ name: 'origin.bpmn', content: xml('origin') }];
  const first = await engine.deploy({ name: 'origin', source: 'Camunda Modeler', enableDuplicateFiltering: true, resources });
  const sameOrigin = await engine.deploy({ name: 'origin', source: 'Camunda Modeler', enableDuplicateFiltering: true, resources });
  const otherSource = await engine.deploy({ name: 'origin', source: 'runtime', enableDuplicateFiltering: true, resources });
  const otherTenant = await engine.deploy({ name: 'origin', source: 'Camunda Modeler', tenantId: 't1', enableDuplicateFiltering: true, resources });

  expect(sameOrigin).toEqual({ deployment: first.deployment, deployedProcessDefinitions: null });
  expect(otherSource.deployment.id).not.toBe(first.deployment.id);
  expect(otherTenant.deployment).toMatchObject({ tenantId: 't1' });
  expect(otherTenant.deployedProcessDefinitions![0]).toMatchObject({ version: 3, tenantId: 't1' });
});

test('given no source, when deployed twice with filtering, then the second finds the first (no source = Camunda’s “process application”)', async () => {
  const resources = [{ name: 'nosource.bpmn', content: xml('nosource') }];
  const first = await engine.deploy({ name: 'nosource', enableDuplicateFiltering: true, resources });
  const again = await engine.deploy({ name: 'nosource', source: 'process application', enableDuplicateFiltering: true, resources });
  expect(again.deployment.id).toBe(first.deployment.id);
});

test('given duplicate filtering without a deployment name, when deployed, then 400 and nothing written', async () => {
  const before = await engineRowCounts(db);
  const e = await rejection(engine.deploy({ deployChangedOnly: true, resources: [{ name: 'x.bpmn', content: xml('noname') }] }));
  expect(e).toMatchObject({ type: 'InvalidRequestException', status: 400 });
  expect(await engineRowCounts(db)).toEqual(before);
});

test('given the same resource name twice in one deployment, when deployed, then 400', async () => {
  const e = await rejection(engine.deploy({ name: 'twice', resources: [{ name: 'a.bpmn', content: xml('a1') }, { name: 'a.bpmn', content: xml('a2') }] }));
  expect(e.message).toBe("The deployment contains the resource 'a.bpmn' more than once.");
});

test('given one key in two resources of a deployment, when deployed, then a ParseException and nothing written', async () => {
  const before = await engineRowCounts(db);
  const e = await rejection(engine.deploy({ name: 'samekey', resources: [{ name: 'a.bpmn', content: xml('samekey') }, { name: 'b.bpmn', content: xml('samekey') }] }));
  expect(e).toMatchObject({ type: 'ParseException', status: 400 });
  expect(e.message).toContain("definitions with the same key 'samekey'");
  expect(await engineRowCounts(db)).toEqual(before);
});

test('given a key so long that <key>:<version>:<uuid> exceeds 64 characters, when deployed, then the id is the uuid alone, as in Camunda', async () => {
  const key = 'k'.repeat(40);
  const { deployedProcessDefinitions } = await engine.deploy({ name: 'long', resources: [{ name: 'long.bpmn', content: xml(key) }] });
  expect(deployedProcessDefinitions![0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(deployedProcessDefinitions![0].key).toBe(key);
});

test('given a deployed definition, when its graph is read, then it is the compiled definition graph', async () => {
  const { deployedProcessDefinitions } = await engine.deploy({ name: 'graph', resources: [{ name: 'graph.bpmn', content: xml('graph', 'Graph') }] });
  const graph = await getDefinitionGraph(db, deployedProcessDefinitions![0].id);
  expect(graph).toMatchObject({ key: 'graph', name: 'Graph', flows: { Flow_1: { source: 'Start', target: 'Work' } } });
  expect(Object.keys(graph!.nodes).sort()).toEqual(['End', 'Start', 'Work']);
  expect(await getDefinitionGraph(db, 'nope')).toBeNull();
});

describe('deleting a deployment whose definitions have dependents', () => {
  const removed: string[][] = [];
  const instances: DefinitionDependent = {
    name: 'test instances',
    blocking: async (_q, ids) => new Map(ids.map((id) => [id, 2])),
    remove: async (_q, ids) => {
      removed.push([...ids]);
    },
  };
  beforeAll(() => DEFINITION_DEPENDENTS.push(instances));
  afterAll(() => DEFINITION_DEPENDENTS.splice(DEFINITION_DEPENDENTS.indexOf(instances), 1));

  test('given running instances, when deleted without cascade, then Camunda’s ProcessEngineException and nothing is deleted', async () => {
    const { deployment, deployedProcessDefinitions } = await engine.deploy({ name: 'busy', resources: [{ name: 'busy.bpmn', content: xml('busy') }] });
    const before = await engineRowCounts(db);

    const e = await rejection(engine.deleteDeployment(deployment.id));

    expect(e).toMatchObject({ type: 'ProcessEngineException', status: 500 });
    expect(e.message).toBe(
      `ENGINE-03076 Deletion of process definition without cascading failed. Process definition with id: ${deployedProcessDefinitions![0].id} can't be deleted, since there exists 2 dependening process instances.`,
    );
    expect(removed).toEqual([]);
    expect(await engineRowCounts(db)).toEqual(before);
  });

  test('given running instances, when deleted with cascade, then the dependents are removed first and the deployment is gone', async () => {
    const { deployment, deployedProcessDefinitions } = await engine.deploy({ name: 'busy2', resources: [{ name: 'busy2.bpmn', content: xml('busy2') }] });
    await engine.deleteDeployment(deployment.id, { cascade: true });
    expect(removed).toEqual([[deployedProcessDefinitions![0].id]]);
    expect(await engine.latestProcessDefinition('busy2')).toBeNull();
  });
});

test.each([
  ['180', 180],
  ['P30D', 30],
  [' 7 ', 7],
  ['', null],
  ['${ttl}', null],
  [undefined, null],
])('given historyTimeToLive %j, when read as days, then %j', (ttl, days) => {
  expect(historyDays(ttl)).toBe(days);
});
