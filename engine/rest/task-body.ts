/**
 * Request bodies of the task resource, read as Camunda's Jackson mapping reads them: UserIdDto,
 * IdentityLinkDto (with its validate()), and TaskDto for `PUT /task/{id}` — which, as in Camunda,
 * replaces every updatable field (an absent field becomes null, an absent priority 0).
 */
import { invalidRequest } from '../errors.js';
import type { IdentityLink, TaskChange } from '../shell/index.js';
import { bodyObject } from './body.js';
import { parseDate } from './dates.js';

/** A string field (numbers and booleans coerced, as Jackson does); null when absent. */
function text(body: Record<string, unknown>, name: string): string | null {
  const v = body[name];
  if (v === undefined || v === null) return null;
  if (typeof v === 'object') throw invalidRequest(`Cannot deserialize '${name}': expected a string but was ${JSON.stringify(v)}`);
  return String(v);
}

export const userIdOf = (body: unknown): string | null => text(bodyObject(body), 'userId');

/** IdentityLinkDto: userId or groupId (not both); `type` may be absent (the engine then refuses it). */
export function identityLinkOf(body: unknown): Omit<IdentityLink, 'type'> & { type: string | null } {
  const b = bodyObject(body);
  const userId = text(b, 'userId');
  const groupId = text(b, 'groupId');
  if (userId !== null && groupId !== null) throw invalidRequest('Identity Link requires userId or groupId, but not both.');
  if (userId === null && groupId === null) throw invalidRequest('Identity Link requires userId or groupId.');
  return { userId, groupId, type: text(b, 'type') };
}

function date(body: Record<string, unknown>, name: string): string | null {
  const v = text(body, name);
  if (v === null) return null;
  const d = parseDate(v);
  if (!d) throw invalidRequest(`Cannot deserialize '${name}': '${v}' is not a date of the form yyyy-MM-dd'T'HH:mm:ss.SSSZ`);
  return d.toISOString();
}

export interface TaskUpdate {
  change: TaskChange;
  parentTaskId: string | null;
  tenantId: string | null;
}

/** `PUT /task/{id}`'s TaskDto → the fields it sets. */
export function taskUpdateOf(body: unknown): TaskUpdate {
  const b = bodyObject(body);
  const priority = b.priority ?? 0;
  if (typeof priority !== 'number' || !Number.isInteger(priority) || Math.abs(priority) > 2 ** 31 - 1) {
    throw invalidRequest(`Cannot deserialize 'priority': expected an integer but was ${JSON.stringify(priority)}`);
  }
  const state = text(b, 'delegationState');
  if (state !== null && !['PENDING', 'RESOLVED'].includes(state.toUpperCase())) {
    throw invalidRequest(`Valid values for property 'delegationState' are 'PENDING' or 'RESOLVED', but was '${state}'`);
  }
  return {
    change: {
      name: text(b, 'name'),
      description: text(b, 'description'),
      priority,
      assignee: text(b, 'assignee'),
      owner: text(b, 'owner'),
      delegation_state: state?.toUpperCase() ?? null,
      due_date: date(b, 'due'),
      follow_up_date: date(b, 'followUp'),
    },
    parentTaskId: text(b, 'parentTaskId'),
    tenantId: text(b, 'tenantId'),
  };
}
