/**
 * Fixtures of the Task API tests: the shipped model plus a trigger starting `task-review`
 * (tests/runtime/tasks-fixture) for a walk-in lead — its owner the assignee, sales managers the
 * candidates — and two roles that may read leads but not write what the review form maps
 * (`task-reader`: no update; `task-clerk`: disqualifyReason read-only). The fixture's forms
 * folder holds the review form `lead-review`.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServer } from './harness.js';

export const TASK_PROCESSES_DIR = fileURLToPath(new URL('../runtime/tasks-fixture/', import.meta.url));
export const TASK_FORMS_DIR = fileURLToPath(new URL('../runtime/tasks-fixture/forms/', import.meta.url));

export function taskMetadataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-tasks-'));
  const shipped = fileURLToPath(new URL('../../metadata/', import.meta.url));
  for (const kind of ['entities', 'views', 'roles', 'sharing', 'meta-schemas']) cpSync(join(shipped, kind), join(dir, kind), { recursive: true });
  mkdirSync(join(dir, 'triggers'));
  writeFileSync(
    join(dir, 'triggers', 'task-review.json'),
    JSON.stringify({
      'x-crm-trigger': 'task-review',
      entity: 'lead',
      on: ['create'],
      condition: { field: 'source', op: 'eq', value: 'walkIn' },
      action: {
        type: 'start-process',
        processKey: 'task-review',
        variables: { leadId: 'id', assignee: 'ownerId', candidateUsers: { value: 'nobody' }, candidateGroups: { value: 'role:sales-manager' }, score: 'score' },
      },
    }),
  );
  const role = (key: string, lead: object) =>
    writeFileSync(join(dir, 'roles', `${key}.json`), JSON.stringify({ 'x-crm-role': key, label: { 'zh-CN': key, en: key }, permissions: { lead } }));
  role('task-reader', { actions: ['read'] });
  role('task-clerk', { actions: ['read', 'update'], fields: { disqualifyReason: 'read' } });
  return dir;
}

/** /engine-rest as the admin (HTTP Basic): the parsed JSON answer, undefined when empty. */
export function engineRest(t: TestServer) {
  const basic = () => `Basic ${Buffer.from(`admin:${t.adminPassword}`).toString('base64')}`;
  return async (method: string, path: string, body?: unknown): Promise<any> => {
    const res = await fetch(t.url + '/engine-rest' + path, {
      method,
      headers: { Authorization: basic(), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return text ? JSON.parse(text) : undefined;
  };
}

/** A Camunda String variable (Null for null). */
export const str = (value: string | null) => (value === null ? { value: null, type: 'Null' } : { value, type: 'String' });
