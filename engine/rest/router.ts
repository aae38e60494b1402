/**
 * The Camunda 7 REST API of the embedded engine, as one Express router for the runtime to mount at
 * `/engine-rest` (authentication goes in front of it; this router does none). Every route is also
 * reachable under `/engine/default/…`, as Camunda serves its named engines. It parses JSON bodies
 * itself, answers every miss and error in Camunda's shape, and never lets an error escape to the
 * host application's handlers.
 */
import express, { Router } from 'express';
import type { EngineDb } from '../db.js';
import { engineErrorHandler, routeNotFound, type ErrorLog } from './errors.js';
import { deploymentResource } from './resources/deployment.js';
import { ENGINE_NAME, engineInfoResource } from './resources/engine-info.js';
import { externalTaskResource } from './resources/external-task.js';
import { incidentResource } from './resources/incident.js';
import { jobResource } from './resources/job.js';
import { processDefinitionResource } from './resources/process-definition.js';
import { historyActivityInstanceResource } from './resources/history-activity-instance.js';
import { historyDetailResource } from './resources/history-detail.js';
import { historyProcessInstanceResource } from './resources/history-process-instance.js';
import { historyTaskResource } from './resources/history-task.js';
import { historyVariableInstanceResource } from './resources/history-variable-instance.js';
import { messageResource } from './resources/message.js';
import { processInstanceResource } from './resources/process-instance.js';
import type { RestDeps, RestResource } from './resources/resource.js';
import { taskResource } from './resources/task.js';

/** The REST resources, one file each (./resources/). A new resource is one file and one line here. */
const RESOURCES: RestResource[] = [
  engineInfoResource,
  deploymentResource,
  processDefinitionResource,
  jobResource,
  taskResource,
  externalTaskResource,
  incidentResource,
  processInstanceResource,
  messageResource,
  historyProcessInstanceResource,
  historyActivityInstanceResource,
  historyTaskResource,
  historyVariableInstanceResource,
  historyDetailResource,
];

export interface EngineRestDeps extends RestDeps {
  db: EngineDb;
  /** Where unexpected errors (answered with a bare 500) are reported; console.error by default. */
  log?: ErrorLog;
}

export function engineRestRouter(deps: EngineRestDeps): Router {
  const api = Router();
  for (const resource of RESOURCES) api.use(resource.path, resource.routes(deps));

  const root = Router();
  root.use(express.json({ limit: '5mb' }));
  root.use(`/engine/${ENGINE_NAME}`, api);
  root.use(api);
  root.use(routeNotFound);
  root.use(engineErrorHandler(deps.log ?? ((message, err) => console.error(message, err))));
  return root;
}
