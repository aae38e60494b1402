/**
 * Converting between record values and form inputs, by field kind. Inputs hold strings (or a
 * boolean for checkboxes); the payload holds what the API expects. The server stays the authority:
 * only what cannot be sent at all (bad JSON, not a number) is caught here.
 */
import type { CrmRecord, FieldMeta } from '../api/index.js';
import type { MessageKey } from '../i18n/index.js';
import { relatedId } from './fields.js';

export type InputValue = string | boolean;
export type FormValues = Record<string, InputValue>;
/** Field name → catalogue key of a message found before sending. */
export type LocalErrors = Record<string, MessageKey>;

const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → `YYYY-MM-DDTHH:mm` in the browser's time zone (what datetime-local shows). */
export function isoToLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function toInput(field: FieldMeta, value: unknown): InputValue {
  if (field.kind === 'boolean') return value === true;
  if (value === undefined || value === null) return '';
  switch (field.kind) {
    case 'datetime':
      return isoToLocalInput(String(value));
    case 'date':
      return String(value).slice(0, 10);
    case 'lookup':
      return relatedId(value) ?? '';
    case 'json':
      return JSON.stringify(value, null, 2);
    case 'attachment':
      return Array.isArray(value) ? value.join(',') : String(value);
    default:
      return String(value);
  }
}

export function toFormValues(fields: FieldMeta[], record?: CrmRecord): FormValues {
  return Object.fromEntries(fields.map((f) => [f.name, toInput(f, record?.[f.name])]));
}

type Parsed = { value: unknown } | { error: MessageKey };

export function fromInput(field: FieldMeta, input: InputValue): Parsed {
  if (field.kind === 'boolean') return { value: input === true };
  const text = typeof input === 'string' ? input : '';
  if (text.trim() === '') return { value: null };
  switch (field.kind) {
    case 'integer':
    case 'number':
    case 'money':
    case 'percent': {
      const n = Number(text);
      if (!Number.isFinite(n) || (field.kind === 'integer' && !Number.isInteger(n))) return { error: 'form.invalidNumber' };
      return { value: n };
    }
    case 'datetime': {
      const d = new Date(text);
      return Number.isNaN(d.getTime()) ? { value: text } : { value: d.toISOString() };
    }
    case 'json':
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: 'form.invalidJson' };
      }
    case 'lookup':
      return { value: text.trim() };
    case 'attachment':
      return { value: field.multiple ? text.split(',').filter(Boolean) : text };
    default:
      return { value: text };
  }
}

/**
 * The request body. Creating: every filled field. Editing (`initial` given): only fields whose
 * input changed, an emptied field sent as null.
 */
export function toPayload(
  fields: FieldMeta[],
  values: FormValues,
  initial?: FormValues,
): { body: Record<string, unknown>; errors: LocalErrors } {
  const body: Record<string, unknown> = {};
  const errors: LocalErrors = {};
  for (const field of fields) {
    const input = values[field.name] ?? (field.kind === 'boolean' ? false : '');
    if (initial && input === (initial[field.name] ?? (field.kind === 'boolean' ? false : ''))) continue;
    const parsed = fromInput(field, input);
    if ('error' in parsed) errors[field.name] = parsed.error;
    else if (parsed.value !== null || initial) body[field.name] = parsed.value;
  }
  return { body, errors };
}

/** Server errors by field: `/name` → `name`; the rest (no field path) are returned apart. */
export function errorsByField(
  errors: { path: string; message: string }[],
  fieldNames: string[],
): { byField: Record<string, string[]>; other: string[] } {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  for (const e of errors) {
    const name = e.path.replace(/^\/+/, '').split('/')[0] ?? '';
    if (fieldNames.includes(name)) (byField[name] ??= []).push(e.message);
    else other.push(e.path ? `${e.path}: ${e.message}` : e.message);
  }
  return { byField, other };
}
