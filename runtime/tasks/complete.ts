/**
 * Completing a user task: check who may act, validate the form data with the form's JSON Schema
 * and the ids it refers to (form-references.ts), then in ONE transaction write the form's record mapping to the process's record as the user
 * (role, record and field access checked as for PATCH /api/records; the record's update triggers
 * fire) and complete the task through the EngineClient — inside that transaction on the embedded
 * engine, as an outbox command of it on a remote one. Any refusal changes nothing: the record
 * stays as it was and the task open.
 */
import { inEngineTransaction, type EngineVariables } from '../../engine/index.js';
import { readOnlyFields, validateFormData, visibleData, type Form } from '../../forms/index.js';
import { assertCan, modelFor } from '../access/index.js';
import type { User } from '../auth/service.js';
import { AppError, isAppError, type FieldError } from '../errors.js';
import { updateRecord } from '../records/write.js';
import { fireTriggers, toEngineVariable } from '../triggers/index.js';
import { referenceErrors } from './form-references.js';
import { assertMayAct, lostRace, nextTaskFor, viewTask, type TaskServiceDeps } from './service.js';

const invalid = (errors: FieldError[]) => new AppError('validation-failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);

/** The body `{ "data": {…} }` (data optional: none). */
function dataOf(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalid([{ path: '/', message: 'must be a JSON object' }]);
  const unknown = Object.keys(body).filter((k) => k !== 'data');
  if (unknown.length > 0) throw invalid(unknown.map((k) => ({ path: `/${k}`, message: 'unknown field' })));
  const data = (body as { data?: unknown }).data ?? {};
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw invalid([{ path: '/data', message: 'must be an object' }]);
  return data as Record<string, unknown>;
}

/** The form's verdict on the data, errors named by their place in the request body (`/data/reason`). */
function assertValidData(form: Form | undefined, data: Record<string, unknown>): void {
  if (!form) {
    if (Object.keys(data).length > 0) throw invalid(Object.keys(data).map((k) => ({ path: `/data/${k}`, message: 'this task has no form: it takes no data' })));
    return;
  }
  const errors = validateFormData(form, data);
  if (errors.length > 0) throw invalid(errors.map((e) => ({ ...e, path: `/data${e.path}` })));
}

/** Record field → value, for each mapped form field the data holds. */
function recordPatch(form: Form | undefined, data: Record<string, unknown>): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const [recordField, formField] of Object.entries(form?.record.fields ?? {})) if (data[formField] !== undefined) patch[recordField] = data[formField];
  return patch;
}

/** A refusal of the record write names the form field it came from (`/disqualifyReason` → `/data/reason`). */
function asFormErrors(e: unknown, form: Form | undefined): never {
  if (!isAppError(e) || !e.errors || !form) throw e;
  const fromRecord = new Map(Object.entries(form.record.fields).map(([recordField, formField]) => [`/${recordField}`, `/data/${formField}`]));
  const errors = e.errors.map((err) => ({ ...err, path: fromRecord.get(err.path) ?? err.path }));
  throw new AppError(e.code, e.message, errors, e.extra);
}

export async function completeTask(deps: TaskServiceDeps, user: User, id: string, body: unknown): Promise<{ id: string; processInstanceId: string; resolved: boolean; nextTaskId: string | null }> {
  const data = dataOf(body);
  const viewed = await viewTask(deps, user, id);
  const { task, item } = viewed;
  await assertMayAct(deps, user, task);
  if (task.formKey?.startsWith('crm:') && !deps.forms.forKey(task.formKey)) throw new Error(`task ${id}: its form ${task.formKey} is not among the loaded forms`);
  const form = deps.forms.forKey(task.formKey);
  assertValidData(form, data);
  // Read-only fields are shown, not taken: their values stay what the process set.
  const shownOnly = form ? readOnlyFields(form) : new Set<string>();
  // …and fields their condition hides (ui:crm-showIf) are not taken either: nobody saw them.
  const taken = Object.fromEntries(Object.entries(form ? visibleData(form, data) : data).filter(([name]) => !shownOnly.has(name)));
  const variables: EngineVariables = Object.fromEntries(Object.entries(taken).map(([name, value]) => [name, toEngineVariable(value)]));
  const patch = recordPatch(form, taken);
  const model = deps.model();
  const record = viewed.entity !== null && item.businessKey !== null ? { entity: viewed.entity, id: item.businessKey } : null;
  if (form) {
    const refused = await referenceErrors({ db: deps.db, user, model, record }, form, taken);
    if (refused.length > 0) throw invalid(refused);
  }
  if (Object.keys(patch).length > 0 && (viewed.entity === null || item.businessKey === null))
    throw new Error(`form ${form!.id} writes record fields, but process ${item.processDefinitionKey} runs for no record (no trigger starts it)`);

  await inEngineTransaction(deps.db, async (tx) => {
    if (Object.keys(patch).length > 0) {
      const entity = viewed.entity!;
      const userModel = modelFor(user, model);
      try {
        assertCan(user, userModel, entity, 'update');
        await updateRecord({ q: tx.q, user, model: userModel }, userModel.entities[entity], item.businessKey!, patch);
      } catch (e) {
        asFormErrors(e, form);
      }
      for (const s of await fireTriggers(tx.q, model, deps.engine, entity, 'update', [item.businessKey!])) tx.onCommit(s.afterCommit);
    }
    // A delegated task is resolved — back to its owner — not completed (Camunda's rule).
    const type = task.delegationState === 'PENDING' ? 'resolve' : 'complete';
    // A candidate completing an unclaimed task becomes its assignee first, so the history (and
    // the process view's timeline) says who did it; the engine records no completing user otherwise.
    if (type === 'complete' && task.assignee === null) {
      const claimed = await deps.engine.submit(tx.q, { type: 'setAssignee', taskId: id, userId: user.id }).catch((e: unknown) => lostRace(id, e));
      tx.onCommit(claimed.afterCommit);
    }
    const submitted = await deps.engine.submit(tx.q, { type, taskId: id, variables }).catch((e: unknown) => lostRace(id, e));
    tx.onCommit(submitted.afterCommit);
  });
  const resolved = task.delegationState === 'PENDING';
  return { id, processInstanceId: task.processInstanceId, resolved, nextTaskId: resolved ? null : await nextTaskFor(deps, user, item) };
}
