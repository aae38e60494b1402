/**
 * `/deployment`: create (multipart, as Camunda Modeler and Camunda's REST clients send it), list,
 * count, get, resources, delete.
 */
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import type { EngineDb } from '../../db.js';
import { EngineError, invalidRequest, notFound } from '../../errors.js';
import {
  countDeployments,
  deleteDeployment,
  deploy,
  DEPLOYMENT_SORT,
  getDeployment,
  getResource,
  listDeployments,
  listResources,
  type DeploymentFilter,
  type DeploymentSortBy,
} from '../../persistence/index.js';
import { deploymentDto, deploymentWithDefinitionsDto, resourceDto } from '../dto.js';
import { formBoolean, parseFilters, parsePage, type ParamSpec } from '../params.js';
import { sendJson, sendNoContent } from '../send.js';
import type { RestResource } from './resource.js';

const FILTERS: ParamSpec<DeploymentFilter> = {
  id: 'string',
  name: 'string',
  nameLike: 'string',
  source: 'string',
  withoutSource: 'boolean',
  tenantIdIn: 'stringList',
  withoutTenantId: 'boolean',
  after: 'date',
  before: 'date',
};
const SORT_KEYS = Object.keys(DEPLOYMENT_SORT) as DeploymentSortBy[];

/** Form fields Camunda reads; every other part is a resource. */
const FIELDS = ['deployment-name', 'deployment-source', 'enable-duplicate-filtering', 'deploy-changed-only', 'tenant-id', 'deployment-activation-time'];

const upload = multer({
  storage: multer.memoryStorage(),
  defParamCharset: 'utf8', // file names as the Modeler and browsers send them (UTF-8), not latin1
  limits: { fileSize: 16 * 1024 * 1024, files: 100, fields: 20, fieldSize: 64 * 1024, parts: 120 },
}).any();

/** multer, with its errors (limits, malformed bodies) answered as Camunda's InvalidRequestException. */
const multipart: RequestHandler = (req, res, next) => {
  upload(req, res, (err?: unknown) => {
    if (!err) return next();
    const e = err as { code?: string; message?: string };
    const tooLarge = e.code === 'LIMIT_FILE_SIZE' || e.code === 'LIMIT_FIELD_VALUE';
    next(new EngineError('InvalidRequestException', tooLarge ? 413 : 400, `The deployment upload could not be read: ${e.message ?? 'malformed multipart body'}`));
  });
};

function text(fields: Record<string, unknown>, name: string): string | null {
  const v = fields[name];
  return typeof v === 'string' ? v : null;
}

/** POST /deployment/create: the form's fields and file parts → one deployment. */
function create(db: EngineDb): RequestHandler {
  return async (req, res) => {
    const fields: Record<string, unknown> = req.body ?? {};
    for (const name of Object.keys(fields)) {
      if (!FIELDS.includes(name)) throw invalidRequest(`No file name found in the deployment resource described by form parameter '${name}'.`);
    }
    if (text(fields, 'deployment-activation-time') !== null) throw invalidRequest('deployment-activation-time is not supported by this engine.');
    const files = (req.files ?? []) as Express.Multer.File[];
    const resources = files.filter((f) => !FIELDS.includes(f.fieldname)).map((f) => ({ name: f.originalname, content: f.buffer }));
    if (resources.length === 0) throw invalidRequest('No deployment resources contained in the form upload.');
    const result = await deploy(db, {
      name: text(fields, 'deployment-name'),
      source: text(fields, 'deployment-source'),
      tenantId: text(fields, 'tenant-id'),
      enableDuplicateFiltering: formBoolean(fields['enable-duplicate-filtering']),
      deployChangedOnly: formBoolean(fields['deploy-changed-only']),
      resources,
    });
    const self = `${req.protocol}://${req.get('host')}${req.baseUrl}/${encodeURIComponent(result.deployment.id)}`;
    sendJson(res, 200, deploymentWithDefinitionsDto(result, self));
  };
}

export const deploymentResource: RestResource = {
  path: '/deployment',
  routes({ db }) {
    const r = Router();
    r.get('/', async (req, res) => {
      const rows = await listDeployments(db, { ...parseFilters(req.query, FILTERS), ...parsePage(req.query, SORT_KEYS) });
      sendJson(res, 200, rows.map((d) => deploymentDto(d)));
    });
    r.get('/count', async (req, res) => {
      sendJson(res, 200, { count: await countDeployments(db, parseFilters(req.query, FILTERS)) });
    });
    r.post('/create', multipart, create(db));
    r.get('/:id', async (req, res) => {
      const d = await getDeployment(db, req.params.id);
      if (!d) throw notFound(`Deployment with id '${req.params.id}' does not exist`);
      sendJson(res, 200, deploymentDto(d));
    });
    r.get('/:id/resources', async (req, res) => {
      const rows = await listResources(db, req.params.id);
      if (!rows) throw notFound(`Deployment resources for deployment id '${req.params.id}' do not exist.`);
      sendJson(res, 200, rows.map(resourceDto));
    });
    r.get('/:id/resources/:resourceId', async (req, res) => {
      const row = await getResource(db, req.params.id, req.params.resourceId);
      if (!row) throw notFound(`Deployment resource with resource id '${req.params.resourceId}' for deployment id '${req.params.id}' does not exist.`);
      sendJson(res, 200, resourceDto(row));
    });
    r.delete('/:id', async (req, res) => {
      const { cascade } = parseFilters<{ cascade?: boolean }>(req.query, { cascade: 'boolean' });
      await deleteDeployment(db, req.params.id, { cascade });
      sendNoContent(res);
    });
    return r;
  },
};
