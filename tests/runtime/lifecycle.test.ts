/**
 * The product as `npm start` runs it: a child process on embedded PostgreSQL in a temp DATA_DIR.
 * Start prints the URL and the generated admin password once; SIGTERM stops everything with no
 * orphan postgres; the next start finds the data; a SIGKILLed run's left-over server is recovered.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiClient } from '../support/harness.js';

const ROOT = new URL('../../', import.meta.url).pathname;
let dataDir: string;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'crm-life-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Start the product like `npm start` does and wait for its ready line (deadline, no sleeps). */
function start(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // its own process group, so a test can send Ctrl-C to the group as a terminal does
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ready line within 60 s:\n' + out)), 60_000);
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /ready in \d+ ms: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], output: () => out });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before ready:\n${out}`));
    });
  });
}

/** Run a script of the product to its end (e.g. a CLI), with this test's DATA_DIR. */
function runToEnd(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', DATA_DIR: dataDir, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  return exited(child).then((code) => ({ code, output }));
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((res) => (child.exitCode !== null ? res(child.exitCode) : child.once('exit', (code) => res(code))));
}

function postmasterPid(): number | null {
  const f = join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').split('\n')[0]) : null;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

test('start, stop, restart keeps data; generated admin password printed once; SIGKILL recovered', async () => {
  // Given a fresh data dir and no ADMIN_PASSWORD
  const first = await start();
  let pw = /password: (\S+)/.exec(first.output())?.[1];
  expect(pw).toBeDefined();
  const api = new ApiClient(first.url);
  expect((await api.login('admin', pw!)).status).toBe(200);
  expect((await api.get('/ready')).status).toBe(200);
  const rec = (await api.post('/api/records/account', { name: 'Lifecycle Ltd', industry: 'trade' })).body;
  expect(rec.id).toBeDefined();
  const pgPid = postmasterPid();
  expect(pgPid && alive(pgPid)).toBeTruthy();

  // A second start on the same DATA_DIR refuses, and leaves the running one alone
  const dup = await runToEnd(['runtime/main.ts']);
  expect(dup.code).toBe(1);
  expect(dup.output).toMatch(/in use by a running instance/);
  expect((await api.get('/api/auth/me')).status).toBe(200);

  // A lost password is reset while the server runs: the old one stops working at once
  const reset = await runToEnd(['runtime/cli/reset-password.ts']);
  expect(reset.code).toBe(0);
  const pw2 = /new password for admin: (\S+)/.exec(reset.output)?.[1];
  expect((await api.get('/api/auth/me')).status).toBe(401); // sessions ended
  expect((await new ApiClient(first.url).login('admin', pw!)).status).toBe(401);
  expect((await api.login('admin', pw2!)).status).toBe(200);
  const audited = await api.get('/api/audit/events?kind=password.change');
  expect(audited.body.items[0]).toMatchObject({ actor: { id: null }, target: expect.stringMatching(/^user:/), detail: { via: 'reset-password' } });

  // When it gets SIGTERM, it stops cleanly and leaves no postgres running
  first.child.kill('SIGTERM');
  expect(await exited(first.child)).toBe(0);
  expect(alive(pgPid!)).toBe(false);
  expect(postmasterPid()).toBeNull();

  // A reset with the server stopped starts the embedded database for the moment
  const offline = await runToEnd(['runtime/cli/reset-password.ts'], { NEW_PASSWORD: 'chosen-password-1' });
  expect(offline.code).toBe(0);
  expect(postmasterPid()).toBeNull();
  pw = 'chosen-password-1';

  // Then the next start finds the data, and prints no new password
  const second = await start();
  expect(second.output()).not.toMatch(/password: /);
  const api2 = new ApiClient(second.url);
  expect((await api2.login('admin', pw!)).status).toBe(200);
  expect((await api2.get(`/api/records/account/${rec.id}`)).body.name).toBe('Lifecycle Ltd');

  // A crash (SIGKILL) leaves postgres behind; the next start stops it and carries on with the data
  second.child.kill('SIGKILL');
  await exited(second.child);
  const orphan = postmasterPid();
  expect(orphan && alive(orphan)).toBeTruthy();
  const third = await start();
  const api3 = new ApiClient(third.url);
  await api3.login('admin', pw!);
  expect((await api3.get(`/api/records/account/${rec.id}`)).body.name).toBe('Lifecycle Ltd');
  // Ctrl-C in a terminal signals the whole process group: node and postgres at once
  process.kill(-third.child.pid!, 'SIGINT');
  expect(await exited(third.child)).toBe(0);
  expect(postmasterPid()).toBeNull();
}, 180_000);

test('a bad configuration value stops start with a message naming the variable', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', 'runtime/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, PORT: 'eighty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  expect(await exited(child)).toBe(2);
  expect(out).toMatch(/PORT: must be integer/);
}, 60_000);
