/**
 * A worker module as the [processes] issue writes them (default export, one file per topic; the
 * engine through taskService, records through ctx.api), in a temporary WORKERS_DIR, with a model
 * `wk-double` whose external task it completes, and `npm run workers` as a child process. Shared by
 * the tests of the workers on the embedded engine and on Operaton.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { external, flow, modelerXml, start } from '../engine/core/support.js';

export const ROOT = new URL('../../', import.meta.url).pathname;
export const TOPIC = 'wk-double';

const WORKER = `
import { Variables } from 'camunda-external-task-client-js';
export default {
  topic: '${TOPIC}',
  variables: ['n'],
  async handler(task, taskService, ctx) {
    const me = await (await ctx.api('/auth/me')).json();
    await taskService.complete(task, new Variables().setAll({ doubled: task.variables.get('n') * 2, apiUser: me.user.username, workerId: task.workerId }));
  },
};
`;

/** A temporary folder with `workers/` (the module) and `processes/` (wk-double.bpmn). */
export function workersFixture(): { dir: string; workersDir: string; processesDir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crm-workers-'));
  const workersDir = join(dir, 'workers');
  const processesDir = join(dir, 'processes');
  for (const d of [workersDir, processesDir]) mkdirSync(d);
  // The module imports the client as shipped workers do; outside the project its folder needs the
  // project's node_modules and, like the project, "type": "module" (else tsx loads it as CommonJS
  // with a second copy of the client, whose Variables the host's taskService does not recognise).
  symlinkSync(join(ROOT, 'node_modules'), join(workersDir, 'node_modules'));
  writeFileSync(join(workersDir, 'package.json'), '{ "type": "module" }');
  writeFileSync(join(workersDir, `${TOPIC}.ts`), WORKER);
  writeFileSync(join(workersDir, 'notes.md'), 'not a worker module');
  const body = [start(), external('Work', TOPIC), '<bpmn:endEvent id="End" />', flow('F0', 'Start', 'Work'), flow('F1', 'Work', 'End')].join('\n');
  writeFileSync(join(processesDir, 'wk-double.bpmn'), modelerXml('wk-double', body));
  return { dir, workersDir, processesDir };
}

export interface WorkersChild {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** `npm run workers` (its entry point) with exactly `env` plus PATH and HOME. */
export function workersProcess(env: Record<string, string>): WorkersChild {
  const child = spawn(process.execPath, ['--import', 'tsx', 'processes/workers/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  return { child, output: () => out, exited };
}
