/**
 * dispatch-order: the request's dispatch order follows the process (one order per request,
 * `orderAction` says which step):
 * - `open` — the request needs a technician: the order is created (or, coming back after a
 *   timeout, a decline or a wrong person, reset) as not-dispatched without technician; variables
 *   `dispatchOrderId`, and `technician` cleared so the dispatch form starts empty;
 * - `dispatch` — the chosen `technician` must be an active member of `technicianGroup`, else BPMN
 *   error `invalid-technician` (back to the dispatchers); the order gets the technician, the
 *   dispatcher (who claimed the Dispatch task), the note, dispatched-unconfirmed, the time and count;
 * - `confirm` — confirmed, with the time;
 * - `complete` — the work log, parts and hours, completed; the request's resolution is the work
 *   log; the variables `articleTitle`, `articleSymptom`, `articleBody` pre-fill a later
 *   knowledge-article proposal.
 */
import { Variables } from 'camunda-external-task-client-js';
import { listAll, patchRecord, type ApiRecord } from './lib/api.js';
import { lastAssignee } from './lib/history.js';
import { Org } from './lib/org.js';
import { ensureRecord } from './lib/records.js';
import type { Task, WorkerContext, WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

async function orderOf(ctx: WorkerContext, requestId: string): Promise<ApiRecord | undefined> {
  return (await listAll(ctx, 'dispatchOrder', { field: 'request', op: 'eq', value: requestId }))[0];
}

async function open(ctx: WorkerContext, requestId: string): Promise<Variables> {
  const number = `DO-${new Date().toISOString().slice(0, 10).replace(/-/g, '')}-${requestId.slice(0, 8).toUpperCase()}`;
  let order = await ensureRecord(ctx, 'dispatchOrder', { request: requestId }, { number, dispatchCount: 0 });
  if (order.state !== 'not-dispatched') {
    order = await patchRecord(ctx, 'dispatchOrder', order.id, { state: 'not-dispatched', technician: null });
  }
  return new Variables().set('dispatchOrderId', order.id).set('technician', null);
}

/** Parts arrive as the form's array, or as its JSON text (form data objects and arrays are JSON strings). */
function partsOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v !== 'string' || v.trim() === '') return [];
  const parsed: unknown = JSON.parse(v);
  return Array.isArray(parsed) ? parsed : [];
}

async function step(task: Task, ctx: WorkerContext, order: ApiRecord, action: string): Promise<Variables> {
  const v = task.variables;
  const now = new Date().toISOString();
  if (action === 'confirm') {
    await patchRecord(ctx, 'dispatchOrder', order.id, { state: 'confirmed', confirmedAt: now });
    return new Variables();
  }
  if (action === 'complete') {
    const workLog = String(v.get('workLog') ?? '');
    const hours = Number(v.get('hours'));
    await patchRecord(ctx, 'dispatchOrder', order.id, { state: 'completed', completedAt: now, workLog, parts: partsOf(v.get('parts')), hours: Number.isFinite(hours) ? hours : null });
    const request = await patchRecord(ctx, 'serviceRequest', recordIdOf(task), { resolution: workLog.slice(0, 4000) });
    return new Variables()
      .set('articleTitle', String(request.subject ?? '').slice(0, 200))
      .set('articleSymptom', String(request.description ?? '').slice(0, 1000))
      .set('articleBody', workLog);
  }
  throw new Error(`dispatch-order: unknown orderAction '${action}'`);
}

export default {
  topic: 'dispatch-order',
  variables: ['orderAction', 'technician', 'technicianGroup', 'dispatchNote', 'workLog', 'parts', 'hours'],
  async handler(task, taskService, ctx) {
    const requestId = recordIdOf(task);
    const action = String(task.variables.get('orderAction'));
    if (action === 'open') {
      await taskService.complete(task, await open(ctx, requestId));
      return;
    }
    const order = await orderOf(ctx, requestId);
    if (!order) throw new Error(`dispatch-order: service request ${requestId} has no dispatch order`);
    if (action !== 'dispatch') {
      await taskService.complete(task, await step(task, ctx, order, action));
      return;
    }
    const technician = str(task.variables.get('technician'))?.toLowerCase() ?? '';
    const group = String(task.variables.get('technicianGroup') ?? 'role:technician');
    if (!(await (await Org.load(ctx)).membersOf(group)).includes(technician)) {
      await taskService.handleBpmnError(task, 'invalid-technician', `${technician || '(none)'} is not an active member of ${group}`);
      return;
    }
    const dispatcher = await lastAssignee(ctx, 'serviceRequest', requestId, task.processInstanceId!, 'dispatch', false);
    await patchRecord(ctx, 'dispatchOrder', order.id, {
      state: 'dispatched-unconfirmed',
      technician,
      dispatcher,
      note: str(task.variables.get('dispatchNote')),
      dispatchedAt: new Date().toISOString(),
      dispatchCount: Number(order.dispatchCount ?? 0) + 1,
      confirmedAt: null,
    });
    await taskService.complete(task, new Variables().set('technician', technician));
  },
} satisfies WorkerModule;
