/**
 * `GET /engine` (the process engines: just `default`) and `GET /version` — the Camunda 7 REST API
 * level this engine speaks. Camunda Modeler reads it to decide which features it may use.
 */
import { Router } from 'express';
import { sendJson } from '../send.js';
import type { RestResource } from './resource.js';

export const ENGINE_NAME = 'default';
/** The Camunda 7 REST API level we implement (the subset listed in engine/README.md). */
export const REST_API_VERSION = '7.22.0';

export const engineInfoResource: RestResource = {
  path: '/',
  routes() {
    const r = Router();
    r.get('/engine', (_req, res) => sendJson(res, 200, [{ name: ENGINE_NAME }]));
    r.get('/version', (_req, res) => sendJson(res, 200, { version: REST_API_VERSION }));
    return r;
  },
};
