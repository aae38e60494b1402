/**
 * Evaluated user task and external task attributes as Camunda normalises them: candidate lists from
 * a collection or comma-separated text, dates from ISO text or a duration, integer priorities. A
 * value that cannot be read fails the command with a 400 ProcessEngineException naming the task.
 */
import type { Effect } from '../core/index.js';
import { EngineError } from '../errors.js';
import { parseDate } from '../rest/dates.js';
import { scheduleTimer } from './timers.js';

/** A user task's evaluated attributes, normalised as Camunda's task listeners would set them. */
export function userTaskRow(effect: Extract<Effect, { type: 'userTaskCreated' }>, now: Date) {
  return {
    assignee: text(effect.assignee),
    candidate_users: list(effect.candidateUsers, effect.activityId),
    candidate_groups: list(effect.candidateGroups, effect.activityId),
    form_key: text(effect.formKey),
    due_date: taskDate(effect.dueDate, 'Due date', effect.activityId, now),
    follow_up_date: taskDate(effect.followUpDate, 'Follow up date', effect.activityId, now),
    priority: taskPriority(effect.priority, effect.activityId),
  };
}

function text(v: unknown): string | null {
  if (v === undefined || v === null || v === '') return null;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/**
 * Candidate users/groups: one evaluated value per expression of the attribute (absent: none). A
 * collection gives its items; text is split at commas with the blanks around them, as Camunda's
 * TaskDecorator splits it (Java `split("\s*,\s*")`): ids are not trimmed further, empty ids
 * in front and in the middle stay, trailing ones go — `" a ,b "` gives `" a"` and `"b "`, `"a,,b"`
 * three ids, `""` one empty id. null or anything else fails the command, as in Camunda.
 */
function list(values: unknown[] | undefined, activityId: string): string[] {
  return (values ?? []).flatMap((v) => {
    if (typeof v === 'string') return javaSplitAtCommas(v);
    if (Array.isArray(v)) return v.map((x) => String(x));
    throw new EngineError('ProcessEngineException', 400, `Expression did not resolve to a string or collection of strings (task '${activityId}')`);
  });
}

/** Java's `text.split("[\s]*,[\s]*")` (Java's `\s` is ASCII whitespace only): without a match, the text itself. */
function javaSplitAtCommas(text: string): string[] {
  const parts = text.split(/[ \t\n\v\f\r]*,[ \t\n\v\f\r]*/);
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

function taskDate(v: unknown, what: string, activityId: string, now: Date): string | null {
  if (v === undefined || v === null || v === '') return null;
  const d = typeof v === 'string' ? (parseDate(v) ?? isoDuration(v, now)) : null;
  if (!d) throw new EngineError('ProcessEngineException', 400, `${what} expression of task '${activityId}' does not resolve to a Date or Date string: ${String(v)}`);
  return d.toISOString();
}

/** Camunda also accepts an ISO 8601 duration (from now) for due and follow-up dates. */
function isoDuration(v: string, now: Date): Date | null {
  if (!/^P/.test(v)) return null;
  try {
    return scheduleTimer({ type: 'duration', value: v }, now).due;
  } catch {
    return null;
  }
}

function taskPriority(v: unknown, activityId: string): number {
  if (v === undefined || v === null || v === '') return 50;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) {
    throw new EngineError('ProcessEngineException', 400, `Priority expression of task '${activityId}' does not resolve to a number: ${String(v)}`);
  }
  return n;
}

export function externalPriority(v: unknown, activityId: string): number {
  if (v === undefined || v === null || v === '') return 0;
  const n = typeof v === 'number' ? v : Number(String(v).trim());
  if (!Number.isSafeInteger(n)) throw new EngineError('ProcessEngineException', 400, `Priority value of external task '${activityId}' is not an integer: ${String(v)}`);
  return n;
}

