/**
 * The Express application: /health and /ready (open), /api/auth/login (open), every other /api
 * route behind authentication, problem+json errors, and the built admin UI with SPA fallback.
 */
import express, { type Express } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sendCamundaJson, type Engine, type EngineClient } from '../../engine/index.js';
import type { FormRegistry } from '../../forms/index.js';
import { AuthService } from '../auth/service.js';
import { engineAuth, type VerifiedCredentials } from '../engine-api/auth.js';
import { outboxRoutes } from '../engine-api/outbox-routes.js';
import { authenticate, authRoutes, currentUser } from '../auth/routes.js';
import { mayUseStudio, modelFor } from '../access/index.js';
import type { Db } from '../db/db.js';
import { attachmentRoutes } from '../attachments/routes.js';
import { userNames } from '../org/user-names.js';
import { metadataRoutes } from '../metadata-api/routes.js';
import { studioModelRoutes } from '../studio-model/index.js';
import { documentRecordRoutes, documentTemplateRoutes } from '../documents/index.js';
import { notificationRoutes } from '../notifications/routes.js';
import { savedViewRoutes } from '../views/routes.js';
import type { ModelStore } from '../model/store.js';
import { auditRoutes } from '../audit/routes.js';
import { usersRoutes } from '../org/users-routes.js';
import { transferRoutes } from '../org/transfer-routes.js';
import { orgRoutes } from '../org/org-routes.js';
import { shareRoutes } from '../org/shares-routes.js';
import { leadRoutes } from '../leads/routes.js';
import { WEB_LEAD_FORM, type WebLeadOptions } from '../leads/web-to-lead.js';
import { publicIntakeRoutes, type RateLimitOptions } from '../public/intake.js';
import { PORTAL_FORM } from '../service/portal.js';
import { recordRoutes } from '../records/routes.js';
import { exportRoutes, searchRoutes } from '../records/search-export-routes.js';
import { processInstanceRoutes, recordProcessRoutes, taskRoutes } from '../tasks/routes.js';
import { dashboardRoutes } from '../dashboards/routes.js';
import { studioProcessRoutes } from '../studio-process/routes.js';
import type { TaskFeed } from '../tasks/stream.js';
import { openApiDocument } from './openapi.js';
import { notFoundHandler, problemHandler } from './problem.js';
import { securityHeaders } from './security-headers.js';
import { sessionLayout } from '../ui-layouts/index.js';

export interface AppDeps {
  db: Db;
  /** The embedded engine, whose REST API this app serves; absent when processes run on a remote engine (ENGINE_URL). */
  engine?: Engine;
  /** Everything the runtime does with processes goes through this (embedded or remote). */
  engineClient: EngineClient;
  store: ModelStore;
  auth: AuthService;
  /** The user task forms (forms/), for the Task API. */
  forms: FormRegistry;
  /** Live task events for GET /api/tasks/stream (runtime/tasks/stream.ts). */
  taskFeed?: TaskFeed;
  uiDir?: string;
  secureCookies?: boolean;
  /** The public web-to-lead endpoint's rate limit (default: off). */
  webLeads?: WebLeadOptions;
  /** The largest attachment accepted, bytes (config ATTACHMENT_MAX_MB; default 20 MiB). */
  attachmentMaxBytes?: number;
  /** The customer portal's public service-request endpoint's rate limit (default: off). */
  portal?: RateLimitOptions;
  /** Remembered engine API credentials (watched for changes by the server; unwatched: checked on each use). */
  engineCredentials?: VerifiedCredentials;
  log: (msg: string, err?: unknown) => void;
}

export function createApp(deps: AppDeps): Express {
  const { db, store, auth } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders({ https: deps.secureCookies ?? false }));
  app.set('etag', false);
  app.set('query parser', 'simple');

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await db.query('select 1');
      if (store.version === 0) throw new Error('no metadata published');
      res.json({ status: 'ready', metadataVersion: store.version });
    } catch (e) {
      res.status(503).json({ status: 'not-ready', reason: e instanceof Error ? e.message : String(e) });
    }
  });

  // The Camunda 7 REST API: its own body parsing, errors and 404s; admins and service accounts only.
  if (deps.engine) app.use('/engine-rest', engineAuth(auth, deps.engineCredentials), deps.engine.router());
  else
    app.use('/engine-rest', (_req, res) =>
      sendCamundaJson(res, 404, { type: 'RestException', message: 'This runtime uses a remote process engine (ENGINE_URL): call its REST API there.' }),
    );

  const api = express.Router();
  api.use(express.json({ limit: '5mb' }));
  const authR = authRoutes(auth, {
    db, secureCookies: deps.secureCookies ?? false, capabilities: (user) => ({ studio: mayUseStudio(user, store.current), admin: user.isAdmin }),
    layout: (user) => sessionLayout(user, store.current),
  });
  api.use('/auth', authR.open);
  // Open to anyone on the internet, rate-limited: the web-to-lead form, the customer portal's service requests.
  const intake = { db, store, engine: deps.engineClient, auth };
  const off = { limit: 0, windowMs: 60_000 };
  api.use('/public', publicIntakeRoutes(intake, [[WEB_LEAD_FORM, deps.webLeads ?? off], [PORTAL_FORM, deps.portal ?? off]]));
  api.use(authenticate(auth));
  api.use('/auth', authR.guarded);
  api.get('/openapi.json', (req, res) => {
    // The records part as the caller's role sees it: fields hidden from the role are not described.
    res.json(openApiDocument(modelFor(currentUser(req), store.current), store.version));
  });
  api.use('/metadata/document-templates', documentTemplateRoutes(db, store));
  api.use('/metadata', metadataRoutes(db, store));
  api.use('/metadata', studioModelRoutes(db, store, deps.engineClient));
  api.get('/users', async (req, res) => {
    res.json({ items: await userNames(db, store.current, req.query.memberOf) });
  });
  api.use('/search', searchRoutes(db, store));
  // Before the records router: GET /records/:entity/export must win over /records/:entity/:id.
  api.use('/records', exportRoutes(db, store, deps.log));
  api.use('/records', shareRoutes(db, store));
  const files = attachmentRoutes(db, store, deps.attachmentMaxBytes ?? 20 * 1024 * 1024);
  api.use('/records', files.records);
  api.use('/attachments', files.attachments);
  const tasks = { db, engine: deps.engineClient, forms: deps.forms, model: () => store.current };
  api.use('/records', recordProcessRoutes({ ...tasks, entity: (name) => store.entity(name).name }));
  api.use('/records', leadRoutes(db, store, deps.engineClient));
  api.use('/records', documentRecordRoutes(db, store));
  api.use('/records', recordRoutes(db, store, deps.engineClient));
  api.use('/tasks', taskRoutes({ ...tasks, feed: deps.taskFeed }));
  api.use('/process-instances', processInstanceRoutes(tasks));
  api.use('/dashboards', dashboardRoutes(tasks));
  api.use('/org', orgRoutes(db, store));
  api.use('/engine/outbox', outboxRoutes(db));
  api.use('/org/users', usersRoutes(db, store, auth));
  api.use('/transfer', transferRoutes(db, store, deps.engineClient));
  api.use('/audit', auditRoutes(db));
  api.use('/notifications', notificationRoutes(db, store));
  api.use('/saved-views', savedViewRoutes(db, store));
  api.use('/studio/processes', studioProcessRoutes({ db, store, engine: deps.engineClient, forms: deps.forms }));
  api.use(notFoundHandler);
  app.use('/api', api);

  if (deps.uiDir && existsSync(join(deps.uiDir, 'index.html'))) {
    const uiDir = deps.uiDir;
    // Hashed asset files never change: cache them for a year. index.html must be revalidated, or
    // a browser keeps asking for assets a rebuild has deleted.
    app.use('/assets', express.static(join(uiDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
    const sendIndex: express.RequestHandler = (_req, res) => {
      res.set('Cache-Control', 'no-cache').sendFile(join(uiDir, 'index.html'));
    };
    app.get('/', sendIndex);
    app.use(express.static(uiDir, { index: false, maxAge: '1h' }));
    app.get(/^\/(?!api\/|engine-rest\/).*/, sendIndex);
  }
  app.use(notFoundHandler);
  app.use(problemHandler(deps.log));
  return app;
}
