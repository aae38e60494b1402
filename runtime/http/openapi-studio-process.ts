/**
 * OpenAPI paths of the process modeler (docs/studio.md, "Process modeler"): versions with running
 * instances, a version's XML, the deploy checks as a dry run, deploy, the forms for the formKey
 * chooser. Analysts and administrators only. Hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { jsonBody, jsonResponse, problemResponse, R401, responseRef, type Json } from './openapi-static.js';

const tags = ['studio-process'];
const studio = { ...R401, 403: responseRef('Forbidden') };
const xmlBody = jsonBody({
  type: 'object',
  properties: {
    xml: { type: 'string', description: 'BPMN 2.0 XML' },
    processKey: { type: 'string', description: 'The process the model is a new version of (the one the modeler opened); a process id of the model that is the key of another deployed process is then refused on its element' },
    newProcess: { type: 'boolean', description: 'With processKey: the model is a new process — processKey must not be deployed yet' },
  },
  required: ['xml'],
});
const problem: Json = {
  type: 'object',
  description: 'One problem of the model: its element (when known), line and column in the XML',
  properties: {
    message: { type: 'string', description: "In the request's Accept-Language (zh-CN or en) for the modeler's own problems; the engine's are its English text" },
    code: { type: 'string', description: "The modeler's own problems: what is wrong (metadata/issue-texts/processes.ts), with params" },
    params: { type: 'object' },
    elementId: { type: ['string', 'null'] },
    elementIds: { type: 'array', items: { type: 'string' } },
    line: { type: ['integer', 'null'] },
    column: { type: ['integer', 'null'] },
  },
  required: ['message', 'elementId', 'elementIds', 'line', 'column'],
};
const versionProperties = { id: { type: 'string' }, version: { type: 'integer' }, name: { type: ['string', 'null'] }, deploymentId: { type: 'string' }, running: { type: 'integer' } };
const version: Json = { type: 'object', properties: versionProperties, required: ['id', 'version', 'name', 'deploymentId', 'running'] };
const label = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } } };

export function studioProcessPaths(): Json {
  return {
    '/studio/processes': {
      get: {
        operationId: 'studioProcesses', tags, summary: 'Every deployed process with its versions (oldest first) and the instances running on each (studio)',
        responses: {
          200: jsonResponse('Processes', {
            type: 'object',
            properties: {
              items: {
                type: 'array',
                items: { type: 'object', properties: { key: { type: 'string' }, name: { type: ['string', 'null'] }, latestVersion: { type: 'integer' }, running: { type: 'integer' }, versions: { type: 'array', items: version } }, required: ['key', 'name', 'latestVersion', 'running', 'versions'] },
              },
            },
            required: ['items'],
          }),
          ...studio,
        },
      },
    },
    '/studio/processes/forms': {
      get: {
        operationId: 'studioProcessForms', tags, summary: 'The task forms of the published model, for the formKey chooser (studio)',
        responses: {
          200: jsonResponse('Forms', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, formKey: { type: 'string' }, title: label }, required: ['id', 'formKey', 'title'] } } }, required: ['items'] }),
          ...studio,
        },
      },
    },
    '/studio/processes/{key}/versions/{version}': {
      parameters: [
        { name: 'key', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'version', in: 'path', required: true, schema: { type: 'integer' } },
      ],
      get: {
        operationId: 'studioProcessVersion', tags, summary: 'The BPMN 2.0 XML one version runs (studio)',
        responses: {
          200: jsonResponse('The version', { type: 'object', properties: { ...versionProperties, key: { type: 'string' }, xml: { type: 'string' } }, required: ['id', 'key', 'version', 'name', 'running', 'xml'] }),
          ...studio,
          404: responseRef('NotFound'),
        },
      },
    },
    '/studio/processes/new': {
      post: {
        operationId: 'studioProcessNew', tags, summary: 'The empty executable model of a new process under a free key: nothing is deployed (studio)',
        requestBody: jsonBody({ type: 'object', properties: { key: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9_-]{1,63}$' }, name: { type: 'string', minLength: 1, maxLength: 200 } }, required: ['key', 'name'] }),
        responses: {
          200: jsonResponse('The model to start from', { type: 'object', properties: { key: { type: 'string' }, name: { type: 'string' }, xml: { type: 'string' } }, required: ['key', 'name', 'xml'] }),
          400: responseRef('BadRequest'),
          ...studio,
          409: problemResponse('A deployed process has this key (`errors[0].path` /key)'),
        },
      },
    },
    '/studio/processes/validate': {
      post: {
        operationId: 'studioProcessValidate', tags, summary: "The engine's deploy checks as a dry run: nothing is deployed (studio)",
        requestBody: xmlBody,
        responses: {
          200: jsonResponse('What a deploy would do', { type: 'object', properties: { valid: { type: 'boolean' }, processes: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' }, name: { type: ['string', 'null'] } } } }, problems: { type: 'array', items: problem } }, required: ['valid', 'processes', 'problems'] }),
          400: responseRef('BadRequest'),
          ...studio,
        },
      },
    },
    '/studio/processes/deploy': {
      post: {
        operationId: 'studioProcessDeploy', tags, summary: 'Deploy the model as a new version, after the checks; refused with every problem (`problems`), nothing deployed (studio)',
        requestBody: xmlBody,
        responses: {
          201: jsonResponse('Deployed', { type: 'object', properties: { deployed: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, key: { type: 'string' }, version: { type: 'integer' } }, required: ['id', 'key', 'version'] } } }, required: ['deployed'] }),
          400: responseRef('BadRequest'),
          ...studio,
        },
      },
    },
  };
}
