/**
 * The JSON bodies of /external-task commands, read as Camunda's DTOs read them: absent primitives
 * take Java's defaults (maxTasks 0, usePriority false, lockDuration 0, retries 0, retryTimeout 0 —
 * so a failure without `retries` runs out of retries, as in Camunda); a value of the wrong JSON
 * type is a 400 InvalidRequestException naming the field (Camunda answers it with an empty message).
 */
import type { Request } from 'express';
import { invalidRequest } from '../errors.js';
import type { FetchRequest, TopicRequest } from '../shell/external-task-fetch.js';
import type { FailureReport } from '../shell/external-tasks.js';
import type { TypedValue } from '../values.js';
import { fromVariableDtos, type VariableValueDto } from './variables.js';

type Body = Record<string, unknown>;
type Kind = 'string' | 'boolean' | 'long' | 'stringList' | 'object';

const KIND_TEXT: Record<Kind, string> = { string: 'a string', boolean: 'a boolean', long: 'an integer', stringList: 'an array of strings', object: 'a JSON object' };

function isKind(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'long':
      return typeof v === 'number' && Number.isSafeInteger(v);
    case 'stringList':
      return Array.isArray(v) && v.every((x) => typeof x === 'string');
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
  }
}

/** A field of `kind`, or undefined when absent or null. */
function field<T>(body: Body, name: string, kind: Kind): T | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (!isKind(v, kind)) throw invalidRequest(`Cannot read '${name}': ${JSON.stringify(v)} is not ${KIND_TEXT[kind]}.`);
  return v as T;
}

/** The request's JSON object (no body: an empty one). */
export function commandBody(req: Request): Body {
  const body: unknown = req.body ?? {};
  if (!isKind(body, 'object')) throw invalidRequest('The request body must be a JSON object.');
  return body as Body;
}

const variables = (body: Body, name: string, context: string): Record<string, TypedValue> | undefined => {
  const dtos = field<Record<string, VariableValueDto>>(body, name, 'object');
  return dtos === undefined ? undefined : fromVariableDtos(dtos, context);
};

export interface FetchAndLockBody {
  request: FetchRequest;
  /** ms; undefined: answer at once. */
  asyncResponseTimeout?: number;
  /** Per topic name: answer object variables deserialized. */
  deserializeValues: Map<string, boolean>;
}

function topic(t: unknown, i: number): TopicRequest & { deserializeValues: boolean } {
  if (!isKind(t, 'object')) throw invalidRequest(`Cannot read 'topics[${i}]': it is not a JSON object.`);
  const b = t as Body;
  return {
    topicName: field<string>(b, 'topicName', 'string') as string,
    lockDuration: field<number>(b, 'lockDuration', 'long') ?? 0,
    variables: field<string[]>(b, 'variables', 'stringList') ?? null,
    localVariables: field<boolean>(b, 'localVariables', 'boolean') ?? false,
    deserializeValues: field<boolean>(b, 'deserializeValues', 'boolean') ?? false,
    businessKey: field<string>(b, 'businessKey', 'string'),
    processDefinitionId: field<string>(b, 'processDefinitionId', 'string'),
    processDefinitionIdIn: field<string[]>(b, 'processDefinitionIdIn', 'stringList'),
    processDefinitionKey: field<string>(b, 'processDefinitionKey', 'string'),
    processDefinitionKeyIn: field<string[]>(b, 'processDefinitionKeyIn', 'stringList'),
    processDefinitionVersionTag: field<string>(b, 'processDefinitionVersionTag', 'string'),
    processVariables: field<Record<string, unknown>>(b, 'processVariables', 'object'),
    withoutTenantId: field<boolean>(b, 'withoutTenantId', 'boolean') ?? false,
    tenantIdIn: field<string[]>(b, 'tenantIdIn', 'stringList'),
  };
}

/** Camunda 7.21+'s `sorting`: only createTime, asc or desc. */
function sorting(body: Body): FetchRequest['sorting'] {
  const list = body.sorting;
  if (list === undefined || list === null) return undefined;
  if (!Array.isArray(list)) throw invalidRequest(`Cannot read 'sorting': it is not an array.`);
  return list.map((s: unknown) => {
    const b = (isKind(s, 'object') ? s : {}) as Body;
    if (b.sortBy !== 'createTime') throw invalidRequest(`Cannot set query sortBy parameter to value ${String(b.sortBy)}`);
    const order = b.sortOrder ?? 'asc';
    if (order !== 'asc' && order !== 'desc') throw invalidRequest(`Cannot set query sortOrder parameter to value ${String(order)}`);
    return { sortBy: 'createTime' as const, sortOrder: order };
  });
}

export function fetchAndLockBody(body: Body): FetchAndLockBody {
  const topicList = body.topics;
  if (topicList !== undefined && topicList !== null && !Array.isArray(topicList)) throw invalidRequest(`Cannot read 'topics': it is not an array.`);
  const topics = ((topicList ?? []) as unknown[]).map(topic);
  const maxTasks = field<number>(body, 'maxTasks', 'long') ?? 0;
  return {
    request: {
      workerId: field<string>(body, 'workerId', 'string') as string,
      maxTasks,
      usePriority: field<boolean>(body, 'usePriority', 'boolean') ?? false,
      sorting: sorting(body),
      topics,
    },
    asyncResponseTimeout: field<number>(body, 'asyncResponseTimeout', 'long'),
    deserializeValues: new Map(topics.map((t) => [t.topicName, t.deserializeValues])),
  };
}

export function completeBody(body: Body, id: string) {
  const context = `Cannot complete external task ${id}`;
  return {
    workerId: field<string>(body, 'workerId', 'string') as string,
    variables: variables(body, 'variables', context),
    localVariables: variables(body, 'localVariables', context),
  };
}

export function failureBody(body: Body, id: string): FailureReport {
  const context = `Cannot report the failure of external task ${id}`;
  return {
    workerId: field<string>(body, 'workerId', 'string') as string,
    errorMessage: field<string>(body, 'errorMessage', 'string'),
    errorDetails: field<string>(body, 'errorDetails', 'string'),
    retries: field<number>(body, 'retries', 'long') ?? 0,
    retryTimeout: field<number>(body, 'retryTimeout', 'long') ?? 0,
    variables: variables(body, 'variables', context),
    localVariables: variables(body, 'localVariables', context),
  };
}

export function bpmnErrorBody(body: Body, id: string) {
  return {
    workerId: field<string>(body, 'workerId', 'string') as string,
    errorCode: field<string>(body, 'errorCode', 'string') as string,
    errorMessage: field<string>(body, 'errorMessage', 'string'),
    variables: variables(body, 'variables', `Cannot report a BPMN error of external task ${id}`),
  };
}

export const lockBody = (body: Body) => ({ workerId: field<string>(body, 'workerId', 'string') as string, lockDuration: field<number>(body, 'lockDuration', 'long') ?? 0 });

export const extendLockBody = (body: Body) => ({ workerId: field<string>(body, 'workerId', 'string') as string, newDuration: field<number>(body, 'newDuration', 'long') ?? 0 });

/** `{retries}` / `{priority}`: null or absent is refused (Camunda's retries message; priority is a primitive there). */
export function numberBody(body: Body, name: 'retries' | 'priority'): number {
  const v = field<number>(body, name, 'long');
  if (v === undefined) throw invalidRequest(name === 'retries' ? 'The number of retries cannot be null.' : 'The priority cannot be null.');
  return v;
}
