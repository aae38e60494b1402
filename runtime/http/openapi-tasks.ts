/**
 * OpenAPI paths of the Task API and a record's processes (docs/processes.md, "Tasks and forms"):
 * hand-written like openapi-static.ts, merged by openapi.ts.
 */
import { dateTime, jsonBody, jsonResponse, problemResponse, R401, responseRef, schemaRef, type Json } from './openapi-static.js';

const tags = ['tasks'];
const label = { type: 'object', properties: { 'zh-CN': { type: 'string' }, en: { type: 'string' } }, required: ['zh-CN', 'en'] };
const nullableString = { type: ['string', 'null'] };
const nullableDateTime = { type: ['string', 'null'], format: 'date-time' };
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The task id' };

export const TASK_SCHEMAS: Json = {
  TaskItem: {
    type: 'object',
    description: 'An open user task; `record` is the process\'s record (business key) when the user may read it',
    properties: {
      id: { type: 'string' },
      name: nullableString,
      processDefinitionKey: { type: 'string' },
      processDefinitionName: { ...nullableString, description: 'The BPMN process\'s name (the shipped models give it in Chinese and English)' },
      taskDefinitionKey: nullableString,
      processInstanceId: { type: 'string' },
      assignee: { ...nullableString, description: 'A user id' },
      created: nullableDateTime,
      due: nullableDateTime,
      followUp: nullableDateTime,
      priority: { type: 'integer' },
      formKey: { ...nullableString, description: '`crm:<form id>` for a form of forms/' },
      businessKey: nullableString,
      record: {
        oneOf: [{ type: 'null' }, { type: 'object', properties: { entity: { type: 'string' }, id: { type: 'string', format: 'uuid' }, display: { type: 'string' } }, required: ['entity', 'id', 'display'] }],
      },
    },
    required: ['id', 'processDefinitionKey', 'processInstanceId', 'assignee', 'formKey', 'businessKey', 'record'],
  },
  TaskDetail: {
    allOf: [
      schemaRef('TaskItem'),
      {
        type: 'object',
        properties: {
          form: {
            oneOf: [
              { type: 'null' },
              {
                type: 'object',
                description: 'The task\'s form: a JSON Schema (2020-12, x-crm-* annotations: labels) and a react-jsonschema-form uiSchema',
                properties: { id: { type: 'string' }, title: label, schema: { type: 'object' }, uiSchema: { type: 'object' } },
                required: ['id', 'title', 'schema', 'uiSchema'],
              },
            ],
          },
          data: { type: 'object', description: 'Initial values: the process variables named like the form\'s top-level fields' },
        },
        required: ['form', 'data'],
      },
    ],
  },
  RecordProcess: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      processDefinitionKey: { type: 'string' },
      processDefinitionId: { type: 'string' },
      processDefinitionName: nullableString,
      processDefinitionVersion: { type: ['integer', 'null'] },
      businessKey: nullableString,
      state: { type: 'string', description: 'ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED' },
      startTime: nullableDateTime,
      endTime: nullableDateTime,
      activities: {
        type: 'array',
        description: 'What ran, in order of occurrence',
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' }, activityId: { type: 'string' }, activityName: nullableString, activityType: { type: 'string' }, taskId: nullableString,
            assignee: nullableString, startTime: dateTime, endTime: nullableDateTime, canceled: { type: 'boolean' },
          },
        },
      },
      tasks: { type: 'array', items: schemaRef('TaskItem'), description: 'Its open user tasks' },
    },
    required: ['id', 'processDefinitionKey', 'state', 'activities', 'tasks'],
  },
  ProcessView: {
    allOf: [
      schemaRef('RecordProcess'),
      {
        type: 'object',
        properties: {
          record: { oneOf: [{ type: 'null' }, { type: 'object', properties: { entity: { type: 'string' }, id: { type: 'string' }, display: { type: 'string' } } }] },
          bpmnXml: { ...nullableString, description: 'The BPMN 2.0 XML of the definition version the instance runs on' },
          activeActivityIds: { type: 'array', items: { type: 'string' }, description: 'Activities holding a token now' },
          users: { type: 'object', additionalProperties: { type: 'string' }, description: 'Display names of the assignees named in activities and tasks, by user id' },
          incidents: {
            type: 'array',
            items: {
              type: 'object',
              properties: { id: { type: 'string' }, activityId: nullableString, type: { type: 'string' }, message: nullableString, timestamp: dateTime },
            },
          },
        },
        required: ['record', 'bpmnXml', 'activeActivityIds', 'incidents', 'users'],
      },
    ],
  },
};

const notVisible = { 404: problemResponse('No such task, or not one the user may see (its record is not readable to them)') };
const mayNotAct = {
  403: problemResponse('task-forbidden: the user is neither the assignee nor (while nobody has claimed it) a candidate'),
  409: problemResponse('task-claimed: someone else has claimed the task'),
};
const taskAnswer = jsonResponse('The task after it', schemaRef('TaskItem'));

export function taskPaths(): Json {
  return {
    '/tasks': {
      get: {
        operationId: 'listTasks', tags,
        summary: 'My inbox: tasks assigned to me and unassigned tasks I am a candidate for (user or group) — only on records I may read; soonest due first, then oldest',
        parameters: [
          { name: 'processKey', in: 'query', schema: { type: 'string' }, description: 'Only tasks of this process definition key' },
          { name: 'scope', in: 'query', schema: { enum: ['assigned', 'candidate', 'all'], default: 'all' }, description: 'Assigned to me, offered to me, or both' },
        ],
        responses: { 200: jsonResponse('Tasks', { type: 'object', properties: { items: { type: 'array', items: schemaRef('TaskItem') } }, required: ['items'] }), 400: responseRef('BadRequest'), ...R401 },
      },
    },
    '/tasks/{id}': {
      parameters: [idParam],
      get: { operationId: 'getTask', tags, summary: 'One task with its form and initial data', responses: { 200: jsonResponse('The task', schemaRef('TaskDetail')), ...R401, ...notVisible } },
    },
    '/tasks/{id}/claim': {
      parameters: [idParam],
      post: { operationId: 'claimTask', tags, summary: 'Take an unassigned task (a candidate, or an admin); claiming one\'s own task again changes nothing', responses: { 200: taskAnswer, ...R401, ...mayNotAct, ...notVisible } },
    },
    '/tasks/{id}/unclaim': {
      parameters: [idParam],
      post: { operationId: 'unclaimTask', tags, summary: 'Give a claimed task back to its candidates (its assignee, or an admin)', responses: { 200: taskAnswer, ...R401, ...mayNotAct, ...notVisible } },
    },
    '/tasks/{id}/complete': {
      parameters: [idParam],
      post: {
        operationId: 'completeTask', tags,
        summary:
          'Complete a task with its form\'s data: validated with the form\'s JSON Schema (400, errors[].path = /data/<field>); the form\'s record mapping written to the process\'s record as the user and the task completed in one transaction (data → process variables)',
        requestBody: jsonBody({ type: 'object', properties: { data: { type: 'object' } }, additionalProperties: false }),
        responses: {
          200: jsonResponse('Completed', { type: 'object', properties: { id: { type: 'string' }, processInstanceId: { type: 'string' } }, required: ['id', 'processInstanceId'] }),
          400: responseRef('BadRequest'), ...R401,
          403: problemResponse('task-forbidden (see claim), or the record write the form maps is not allowed to the user (forbidden, field-forbidden)'),
          409: mayNotAct[409], ...notVisible,
        },
      },
    },
    '/records/{entity}/{id}/processes': {
      parameters: [
        { name: 'entity', in: 'path', required: true, schema: { type: 'string' } },
        { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
      ],
      get: {
        operationId: 'recordProcesses', tags,
        summary: 'The process instances run for a record (business key = record id), oldest first, with their activity history and open tasks',
        responses: { 200: jsonResponse('Instances', { type: 'object', properties: { items: { type: 'array', items: schemaRef('RecordProcess') } }, required: ['items'] }), ...R401, 403: responseRef('Forbidden'), 404: responseRef('NotFound') },
      },
    },
    '/process-instances/{id}': {
      parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'The process instance id' }],
      get: {
        operationId: 'processInstanceView', tags,
        summary: 'One process instance for the process view: its BPMN XML, activity history, active activities, incidents and open tasks (either engine)',
        responses: { 200: jsonResponse('The instance', schemaRef('ProcessView')), ...R401, 404: problemResponse('No such instance, or its record is not readable to the user') },
      },
    },
  };
}
