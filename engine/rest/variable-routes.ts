/**
 * Camunda's variable sub-resource (`…/{id}/variables`, `…/{id}/localVariables`): list, get, put,
 * delete and modify, with Camunda's error wording per resource (`Cannot put task variable x: …`).
 * A resource plugs in how it reads and changes the variables of one of its entities; engine
 * failures of those are wrapped as Camunda's REST layer wraps them.
 */
import { Router } from 'express';
import { invalidRequest, isEngineError, notFound, wrapping } from '../errors.js';
import type { TypedValue } from '../values.js';
import { bodyObject } from './body.js';
import { parseFilters } from './params.js';
import { sendJson, sendNoContent } from './send.js';
import { fromVariableDto, fromVariableDtos, toVariableDto, toVariableDtos, type VariableValueDto } from './variables.js';

export interface VariableChangeRequest {
  set?: Record<string, TypedValue>;
  remove?: string[];
  local: boolean;
}

export interface VariableScope {
  /** Camunda's resource type name in messages: `task`, `process instance`, `execution`. */
  typeName: string;
  /** The variables of entity `id` (its own only when `local`); throws the engine's error when it does not exist. */
  read(id: string, local: boolean): Promise<Record<string, TypedValue>>;
  change(id: string, change: VariableChangeRequest): Promise<void>;
}

/** An engine failure inside a variable operation, as Camunda's REST layer answers it (RestException 500, code 0). */
async function wrapped<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isEngineError(e) && e.type !== 'InvalidRequestException' && e.type !== 'RestException') throw wrapping(e, 'RestException', 500, prefix);
    throw e;
  }
}

const deserialize = (query: Record<string, unknown>) => parseFilters<{ deserializeValues?: boolean }>(query as never, { deserializeValues: 'boolean' }).deserializeValues;

/** The routes, mounted at `…/:id/variables` (local = false) or `…/:id/localVariables` (local = true). */
export function variableRoutes(scope: VariableScope, local: boolean): Router {
  const r = Router({ mergeParams: true });
  const { typeName } = scope;
  const idOf = (params: Record<string, string>) => params.id;

  r.get('/', async (req, res) => {
    const vars = await scope.read(idOf(req.params), local);
    sendJson(res, 200, toVariableDtos(vars, { deserializeValues: deserialize(req.query) }));
  });

  r.post('/', async (req, res) => {
    const id = idOf(req.params);
    const body = bodyObject(req.body, `Cannot modify variables for ${typeName}`);
    const modifications = fromVariableDtos(body.modifications as Record<string, VariableValueDto> | null, `Cannot modify variables for ${typeName}`);
    const deletions = body.deletions ?? [];
    if (!Array.isArray(deletions) || deletions.some((d) => typeof d !== 'string')) throw invalidRequest(`Cannot modify variables for ${typeName}: deletions must be a list of names`);
    await wrapped(`Cannot modify variables for ${typeName} ${id}`, () => scope.change(id, { set: modifications, remove: deletions as string[], local }));
    sendNoContent(res);
  });

  r.get('/:name', async (req, res) => {
    const { name } = req.params;
    const vars = await wrapped(`Cannot get ${typeName} variable ${name}`, () => scope.read(idOf(req.params), local));
    const value = Object.hasOwn(vars, name) ? vars[name] : undefined;
    if (value === undefined) throw notFound(`${typeName} variable with name ${name} does not exist`);
    sendJson(res, 200, toVariableDto(value, { deserializeValues: deserialize(req.query) }));
  });

  r.put('/:name', async (req, res) => {
    const { name } = req.params;
    const prefix = `Cannot put ${typeName} variable ${name}`;
    let value: TypedValue;
    try {
      value = fromVariableDto(bodyObject(req.body) as VariableValueDto);
    } catch (e) {
      throw isEngineError(e) ? invalidRequest(`${prefix}: ${e.message}`) : e;
    }
    await wrapped(prefix, () => scope.change(idOf(req.params), { set: { [name]: value }, local }));
    sendNoContent(res);
  });

  r.delete('/:name', async (req, res) => {
    const { name } = req.params;
    await wrapped(`Cannot delete ${typeName} variable ${name}`, () => scope.change(idOf(req.params), { remove: [name], local }));
    sendNoContent(res);
  });
  return r;
}

