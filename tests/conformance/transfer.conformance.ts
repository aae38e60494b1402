/**
 * Resource transfer with the runtime on Operaton (ENGINE_URL): the transfer lists the old owner's
 * open user task there, and the reassignment written to the outbox in the transfer's transaction
 * arrives after commit (POST /task/{id}/assignee) — the dry run named exactly that task.
 */
import { startTestServer, uniqueName, waitFor } from '../support/harness.js';

const OPERATON = () => process.env.OPERATON_URL!;
const PROCESSES_DIR = new URL('../runtime/transfer-fixture/', import.meta.url).pathname;

async function operaton<T = any>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(OPERATON() + path, { method, headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<T>;
}

test("a transfer reassigns the old owner's open task on Operaton through the outbox", async () => {
  const t = await startTestServer({ processesDir: PROCESSES_DIR, config: { ENGINE_URL: OPERATON(), WORKERS: 'off' /* no in-process workers: on the shared Operaton their long polls would lock the corpus scenarios' tasks of the shipped topics */ } });
  try {
    const [from, to] = await Promise.all(['from', 'to'].map((p) => t.server.auth.createUser({ username: uniqueName(p), password: 'transfer-password' })));
    const pi = await operaton<{ id: string }>('POST', '/process-definition/key/owner-review/start', { variables: { owner: { value: from.id, type: 'String' } } });
    const [task] = await operaton<{ id: string; assignee: string }[]>('GET', `/task?processInstanceId=${pi.id}`);
    expect(task.assignee).toBe(from.id);

    const dry = await t.admin.post('/api/transfer', { fromUserId: from.id, toUserId: to.id, dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body.tasks).toEqual([{ id: task.id, name: 'Review account', processInstanceId: pi.id }]);
    const real = await t.admin.post('/api/transfer', { fromUserId: from.id, toUserId: to.id });
    expect(real.body).toEqual({ ...dry.body, dryRun: false });
    await waitFor(async () => (await operaton<{ assignee: string }>('GET', `/task/${task.id}`)).assignee === to.id, 30_000);
    expect(await operaton('GET', `/task?assignee=${from.id}`)).toEqual([]);
  } finally {
    await t.stop();
  }
}, 120_000);
