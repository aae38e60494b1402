/**
 * `/job`: query (GET and POST), count, get, execute now, retries, due date, suspension, priority and
 * the stacktrace of the last failure — Camunda 7.22's JobRestService. Statuses are Camunda's, odd
 * ones included: an unknown job for retries or due date is a 500 (the engine's exception there).
 */
import { Router, type Request, type Response } from 'express';
import { EngineError, invalidRequest, notFound } from '../../errors.js';
import {
  countJobs,
  executeJob,
  getJob,
  getJobStacktrace,
  JOB_EXECUTOR_DEFAULTS,
  listJobs,
  setJobDueDate,
  setJobPriority,
  setJobRetries,
  setJobSuspended,
  type JobRecord,
} from '../../jobs/index.js';
import { inTransaction } from '../../shell/index.js';
import { formatDate, parseDate } from '../dates.js';
import { jobQueryFromBody, jobQueryFromParams } from '../job-query.js';
import { sendJson, sendNoContent } from '../send.js';
import type { RestResource } from './resource.js';

/** JobDto, field for field. This engine has no job definitions or batches. */
export function jobDto(j: JobRecord) {
  return {
    id: j.id,
    jobDefinitionId: null,
    processInstanceId: j.processInstanceId,
    processDefinitionId: j.processDefinitionId,
    processDefinitionKey: j.processDefinitionKey,
    executionId: j.executionId ?? j.processInstanceId,
    exceptionMessage: j.exceptionMessage,
    failedActivityId: j.failedActivityId,
    retries: j.retries,
    dueDate: j.dueDate === null ? null : formatDate(j.dueDate),
    suspended: j.suspended,
    priority: j.priority,
    tenantId: j.tenantId,
    createTime: formatDate(j.createTime),
    batchId: null,
  };
}

/** Camunda's engine exceptions on a job command surface as a 500 InvalidRequestException. */
const engineFailure = (message: string) => new EngineError('InvalidRequestException', 500, message);
const noJob = (id: string) => engineFailure(`ENGINE-13053 No job found with id '${id}'.`);

function jsonBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body ?? {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest('The request body must be a JSON object.');
  return body as Record<string, unknown>;
}

/** A date field of a body: absent → undefined, null → null, else a Camunda date. */
function bodyDate(body: Record<string, unknown>, name: string): Date | null | undefined {
  const v = body[name];
  if (v === undefined || v === null) return v as undefined | null;
  const d = typeof v === 'string' ? parseDate(v) : null;
  if (!d) throw invalidRequest(`Cannot convert value '${String(v)}' of '${name}' to a date (yyyy-MM-dd'T'HH:mm:ss.SSSZ).`);
  return d;
}

function sendText(res: Response, text: string): void {
  const payload = Buffer.from(text, 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'text/plain');
  res.setHeader('Content-Length', String(payload.length));
  res.end(payload);
}

export const jobResource: RestResource = {
  path: '/job',
  routes({ db, shell }) {
    const r = Router();
    const run = { retryDelayMs: JOB_EXECUTOR_DEFAULTS.retryDelayMs };

    r.get('/', async (req, res) => {
      const { filter, page } = jobQueryFromParams(req.query);
      sendJson(res, 200, (await listJobs(db, filter, page, shell.now())).map(jobDto));
    });
    r.get('/count', async (req, res) => {
      sendJson(res, 200, { count: await countJobs(db, jobQueryFromParams(req.query).filter, shell.now()) });
    });
    r.post('/', async (req, res) => {
      const { filter, page } = jobQueryFromBody(jsonBody(req), req.query);
      sendJson(res, 200, (await listJobs(db, filter, page, shell.now())).map(jobDto));
    });
    r.post('/count', async (req, res) => {
      sendJson(res, 200, { count: await countJobs(db, jobQueryFromBody(jsonBody(req), {}).filter, shell.now()) });
    });

    r.get('/:id', async (req, res) => {
      const job = await getJob(db, req.params.id);
      if (!job) throw notFound(`Job with id ${req.params.id} does not exist`);
      sendJson(res, 200, jobDto(job));
    });

    /**
     * Run it now, whatever its due date; a failure is recorded on the job and answered as Camunda's
     * REST does: the engine's own exception (an expression, a model) 404 InvalidRequestException,
     * anything unexpected 500 RestException (found by the Operaton conformance suite).
     */
    r.post('/:id/execute', async (req, res) => {
      const outcome = await executeJob(db, shell, req.params.id, run);
      const { failure } = outcome;
      if (failure) throw failure.engineException ? new EngineError('InvalidRequestException', 404, failure.message) : new EngineError('RestException', 500, failure.message);
      sendNoContent(res);
    });

    r.get('/:id/stacktrace', async (req, res) => {
      const trace = await getJobStacktrace(db, req.params.id);
      if (trace === undefined) throw notFound(`No job found with id ${req.params.id}: job is null`);
      if (trace === null) return sendNoContent(res);
      sendText(res, trace);
    });

    r.put('/:id/retries', async (req, res) => {
      const body = jsonBody(req);
      const { retries } = body;
      if (typeof retries !== 'number' || !Number.isInteger(retries)) throw invalidRequest(`Cannot set retries of job ${req.params.id}: retries must be an integer.`);
      if (retries < 0) throw engineFailure(`ENGINE-13054 The number of job retries must be a non-negative Integer, but '${retries}' has been provided.`);
      const dueDate = bodyDate(body, 'dueDate');
      const found = await inTransaction(db, (tx) => setJobRetries(tx, shell, req.params.id, retries, dueDate));
      if (!found) throw noJob(req.params.id);
      sendNoContent(res);
    });

    r.put('/:id/duedate', async (req, res) => {
      const body = jsonBody(req);
      const duedate = bodyDate(body, 'duedate') ?? null;
      if (body.cascade !== undefined && typeof body.cascade !== 'boolean') throw invalidRequest(`Cannot set the due date of job ${req.params.id}: cascade must be a boolean.`);
      const found = await inTransaction(db, (tx) => setJobDueDate(tx, shell, req.params.id, duedate, body.cascade === true));
      if (!found) throw noJob(req.params.id);
      sendNoContent(res);
    });

    r.put('/:id/suspended', async (req, res) => {
      const { suspended } = jsonBody(req);
      if (typeof suspended !== 'boolean') throw invalidRequest(`Cannot update the suspension state of job ${req.params.id}: suspended must be a boolean.`);
      const found = await inTransaction(db, (tx) => setJobSuspended(tx, shell, req.params.id, suspended));
      if (!found) throw notFound(`Job with id ${req.params.id} does not exist`);
      sendNoContent(res);
    });

    r.put('/:id/priority', async (req, res) => {
      const { priority } = jsonBody(req);
      if (priority === undefined || priority === null) throw new EngineError('RestException', 400, `Priority for job '${req.params.id}' cannot be null.`);
      if (typeof priority !== 'number' || !Number.isSafeInteger(priority)) throw invalidRequest(`Cannot set the priority of job ${req.params.id}: priority must be an integer.`);
      if (!(await setJobPriority(db, req.params.id, priority))) throw notFound(`No job found with id '${req.params.id}'`);
      sendNoContent(res);
    });
    return r;
  },
};
