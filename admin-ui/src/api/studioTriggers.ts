/**
 * The triggers editor's calls (docs/studio.md, "Triggers editor"): the triggers of the shared
 * metadata draft (/api/metadata/draft/triggers), the check of one being edited (nothing saved).
 * Analysts and admins — the server refuses everyone else and checks every document again.
 */
import { request } from './client.js';

export type TriggerEvent = 'create' | 'update' | 'delete';
export type TriggerActionType = 'start-process' | 'correlate-message';
/** A record field (or lookup path) whose value the variable takes, or a constant. */
export type VariableSource = string | { value: string | number | boolean; description?: string };

export interface TriggerDoc {
  $schema?: string;
  'x-crm-trigger': string;
  description?: string;
  entity: string;
  on: TriggerEvent[];
  condition?: unknown;
  action: { type: TriggerActionType; processKey?: string; messageName?: string; variables?: Record<string, VariableSource> };
  enabled?: boolean;
  /** every-time (absent), or only when the record comes to meet the condition. */
  fires?: 'every-time' | 'on-becoming-true';
}

export interface TriggerIssue {
  file: string;
  /** A JSON Pointer into the document (`/action/processKey`, `/condition/and/1/field`). */
  path: string;
  message: string;
  field?: string;
}

export interface TriggerItem {
  name: string;
  document: TriggerDoc;
  issues: TriggerIssue[];
}

const base = '/api/metadata/draft/triggers';
const one = (name: string) => `${base}/${encodeURIComponent(name)}`;

export const listTriggers = (signal?: AbortSignal) => request<{ revision: number; items: TriggerItem[] }>('GET', base, { signal });
export const getTrigger = (name: string, signal?: AbortSignal) => request<{ revision: number; document: TriggerDoc; issues: TriggerIssue[] }>('GET', one(name), { signal });
export const saveTrigger = (name: string, revision: number, document: TriggerDoc) => request<{ revision: number; issues: TriggerIssue[] }>('PUT', one(name), { body: { revision, document } });
export const deleteTrigger = (name: string, revision: number) => request<{ revision: number }>('DELETE', one(name), { query: { revision } });
export const checkTrigger = (name: string, document: TriggerDoc, signal?: AbortSignal) =>
  request<{ revision: number; valid: boolean; issues: TriggerIssue[] }>('POST', `${one(name)}/check`, { body: { document }, signal });
