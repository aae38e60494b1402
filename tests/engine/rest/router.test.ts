/**
 * The /engine-rest router as a whole: engine and version, the /engine/default prefix, and the error
 * edge — unknown routes, malformed JSON, unexpected failures — always in Camunda's shape with the
 * bare `application/json` content type camunda-external-task-client-js insists on.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createEngine, type EngineDb } from '../../../engine/index.js';
import { startEngineRest, type EngineRestServer } from '../support.js';

let api: EngineRestServer;
beforeAll(async () => {
  api = await startEngineRest('router');
});
afterAll(async () => {
  await api.stop();
});

test('given the engine, when /engine and /version are asked, then the default engine and the REST API level come back', async () => {
  const engines = await api.get('/engine');
  expect([engines.status, engines.contentType, engines.body]).toEqual([200, 'application/json', [{ name: 'default' }]]);
  const version = await api.get('/version');
  expect([version.status, version.contentType, version.body]).toEqual([200, 'application/json', { version: '7.22.0' }]);
});

test('given the named-engine prefix /engine/default, when a resource is asked through it, then it answers as without the prefix', async () => {
  expect((await api.get('/engine/default/version')).body).toEqual({ version: '7.22.0' });
  expect((await api.get('/engine/default/deployment/count')).body).toEqual({ count: 0 });
  expect((await api.get('/engine/other/deployment/count')).status).toBe(404);
});

test.each([
  ['GET', '/no-such-resource'],
  ['GET', '/deployment/x/y/z/w'],
  ['POST', '/process-definition/count'],
  ['PUT', '/deployment/create'],
])('given no route for %s %s, when called, then 404 NotFoundException in Camunda’s shape', async (method, path) => {
  const res = await api.request(method, path);
  expect(res.status).toBe(404);
  expect(res.contentType).toBe('application/json');
  expect(res.body).toEqual({ type: 'NotFoundException', message: `Could not find resource for full path: /engine-rest${path}`, code: null });
});

test('given a malformed JSON body, when posted, then 400 JsonParseException, as Camunda’s JSON provider answers', async () => {
  const res = await api.request('POST', '/process-definition/key/x/start', { body: '{"variables": {', headers: { 'content-type': 'application/json' } });
  expect(res.status).toBe(400);
  expect(res.contentType).toBe('application/json');
  expect(res.body).toMatchObject({ type: 'JsonParseException', code: null });
  expect(typeof res.body.message).toBe('string');
});

test('given a database that fails, when a resource is asked, then a bare 500 in Camunda’s shape, the cause logged and not leaked', async () => {
  const failing: EngineDb = {
    query: () => Promise.reject(new Error('connection refused: secret-host:5432')),
    tx: () => Promise.reject(new Error('connection refused: secret-host:5432')),
  };
  const logged: unknown[] = [];
  const app = express();
  app.use('/engine-rest', createEngine({ db: failing, log: (_m, e) => logged.push(e) }).router());
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  try {
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/engine-rest/deployment`);
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ type: 'ProcessEngineException', message: 'An unexpected error occurred.', code: 0 });
    expect(text).not.toContain('secret-host');
    expect(logged).toHaveLength(1);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
