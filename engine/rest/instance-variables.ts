/**
 * `/process-instance/{id}/variables`: the process scope's variables — read, put one, remove one,
 * and Camunda's modify (`{modifications, deletions}`). Writes go through the shell as a state
 * change with variable history.
 */
import type { Router } from 'express';
import { invalidRequest, notFound } from '../errors.js';
import { changeInstanceVariables, inTransaction, loadInstance, type InstanceRow } from '../shell/index.js';
import type { TypedValue } from '../values.js';
import type { RestDeps } from './resources/resource.js';
import { parseFilters } from './params.js';
import { sendJson, sendNoContent } from './send.js';
import { fromVariableDto, fromVariableDtos, toVariableDto, toVariableDtos, type VariableValueDto } from './variables.js';

const instanceMissing = (id: string) => notFound(`Process instance with id ${id} does not exist`);

/** The running instance's row, or a 404. */
export async function runningInstance(q: RestDeps['db'], id: string): Promise<InstanceRow> {
  const row = await loadInstance(q, id);
  if (!row) throw instanceMissing(id);
  return row;
}

function jsonObject(body: unknown, context: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidRequest(`${context}: the request body must be a JSON object`);
  return body as Record<string, unknown>;
}

/** Set and remove process variables of a running instance in one transaction. */
async function change({ db, shell }: RestDeps, id: string, set: Record<string, TypedValue>, remove: string[]): Promise<void> {
  await inTransaction(db, async (tx) => {
    if (!(await loadInstance(tx.q, id))) throw instanceMissing(id);
    await changeInstanceVariables(tx, shell, id, { executionId: null, set, remove, local: true });
  });
}

export function addInstanceVariableRoutes(r: Router, deps: RestDeps): void {
  const { db } = deps;
  const deserialize = (query: Record<string, unknown>) => parseFilters<{ deserializeValues?: boolean }>(query as never, { deserializeValues: 'boolean' });

  r.get('/:id/variables', async (req, res) => {
    const opts = deserialize(req.query);
    const row = await runningInstance(db, req.params.id);
    sendJson(res, 200, toVariableDtos(row.state.variables as Record<string, TypedValue>, opts));
  });
  r.get('/:id/variables/:name', async (req, res) => {
    const opts = deserialize(req.query);
    const row = await runningInstance(db, req.params.id);
    const value = row.state.variables[req.params.name];
    if (value === undefined) throw notFound(`process instance variable with name ${req.params.name} does not exist`);
    sendJson(res, 200, toVariableDto(value as TypedValue, opts));
  });
  r.put('/:id/variables/:name', async (req, res) => {
    const { id, name } = req.params;
    const context = `Cannot put process instance variable ${name}`;
    let value: TypedValue;
    try {
      value = fromVariableDto(jsonObject(req.body, context) as VariableValueDto);
    } catch (e) {
      throw e instanceof Error && !e.message.startsWith(context) ? invalidRequest(`${context}: ${e.message}`) : e;
    }
    await change(deps, id, { [name]: value }, []);
    sendNoContent(res);
  });
  r.delete('/:id/variables/:name', async (req, res) => {
    await change(deps, req.params.id, {}, [req.params.name]);
    sendNoContent(res);
  });
  r.post('/:id/variables', async (req, res) => {
    const { id } = req.params;
    const context = `Cannot modify variables for process instance ${id}`;
    const body = jsonObject(req.body ?? {}, context);
    const deletions = body.deletions ?? [];
    if (!Array.isArray(deletions) || deletions.some((d) => typeof d !== 'string')) throw invalidRequest(`${context}: deletions must be a list of variable names`);
    const modifications = body.modifications ?? {};
    if (typeof modifications !== 'object' || Array.isArray(modifications)) throw invalidRequest(`${context}: modifications must be an object of variables`);
    const set = fromVariableDtos(modifications as Record<string, VariableValueDto>, context);
    await change(deps, id, set, deletions as string[]);
    sendNoContent(res);
  });
}
