/**
 * The form designer's calls (docs/studio.md, "Form designer"): task and record forms in the shared metadata
 * draft (/api/metadata/draft/forms), the check of a form being edited with sample data (nothing
 * saved), and publishing the draft. Analysts and admins — the server refuses everyone else.
 */
import { request } from './client.js';
import type { EntityWithForms, RecordFormPurpose } from './recordForms.js';
import type { RoleDoc } from './studioViews.js';
import type { Label } from './types.js';

export interface FormDoc {
  $schema?: string;
  'x-crm-form': string;
  title: Label;
  description?: string;
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[]; [k: string]: unknown };
  uiSchema?: Record<string, unknown>;
  /**
   * A task form: `fields` (record field ← form field). A record form: `purposes` (the entity's pages
   * it lays out) and `roles` (the roles whose users get it; absent: the default form).
   */
  record?: { entity: string; fields?: Record<string, string>; purposes?: RecordFormPurpose[]; roles?: string[] };
}

export interface FormIssue {
  file: string;
  path: string;
  message: string;
  field?: string;
}

export interface FormListItem {
  id: string;
  /** null: a record form (no task can name it). */
  formKey: string | null;
  title: Label;
  fields: number;
  entity: string | null;
  purposes?: RecordFormPurpose[];
  /** A record form for some roles only. */
  roles?: string[];
}

export interface FormList {
  revision: number;
  items: FormListItem[];
  widgets: string[];
  /** A record form's widgets, each with the field kinds it suits. */
  recordWidgets: Record<string, string[]>;
  layoutKinds: string[];
}

export interface FormCheck {
  revision: number;
  valid: boolean;
  issues: FormIssue[];
  errors: { path: string; message: string }[];
  /** A valid record form: its entity as drafted, as the records workspace receives it (with this form). */
  entity?: EntityWithForms;
}

/** A draft entity document: the parts the designer reads (labels, fields and their types, required). */
export interface EntityFieldsDoc {
  'x-crm-entity': string;
  'x-crm-label'?: Label;
  properties?: Record<string, { 'x-crm-label'?: Label; [keyword: string]: unknown }>;
  required?: string[];
}

const base = '/api/metadata/draft/forms';
export const listForms = (signal?: AbortSignal) => request<FormList>('GET', base, { signal });
export const getForm = (id: string, signal?: AbortSignal) => request<{ revision: number; document: FormDoc; issues: FormIssue[] }>('GET', `${base}/${encodeURIComponent(id)}`, { signal });
export const saveForm = (id: string, revision: number, document: FormDoc) => request<{ revision: number; issues: FormIssue[] }>('PUT', `${base}/${encodeURIComponent(id)}`, { body: { revision, document } });
export const checkForm = (id: string, document: FormDoc, data: unknown, signal?: AbortSignal) =>
  request<FormCheck>('POST', `${base}/${encodeURIComponent(id)}/check`, { body: { document, data }, signal });
/** The draft's entities (for the record mapping's entity and fields) and roles (whom a record form is for). */
export async function draftDocuments(signal?: AbortSignal): Promise<{ entities: EntityFieldsDoc[]; roles: RoleDoc[] }> {
  const { documents } = await request<{ revision: number; documents: { entities: EntityFieldsDoc[]; roles?: RoleDoc[] } }>('GET', '/api/metadata/draft', { signal });
  return { entities: documents.entities, roles: documents.roles ?? [] };
}
export const publishDraft = (revision: number) => request<{ version: number; changed: boolean }>('POST', '/api/metadata/draft/publish', { body: { revision } });

export interface FormUse {
  process: string;
  task: string;
}

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const CAMUNDA = 'http://camunda.org/schema/1.0/bpmn';

/**
 * Which user tasks name each form (form id → uses), read from the newest version of every deployed
 * process (GET /api/studio/processes and each one's XML): a few requests, one per process.
 */
export async function formUses(signal?: AbortSignal): Promise<Map<string, FormUse[]>> {
  const { items } = await request<{ items: { key: string; name: string | null; latestVersion: number }[] }>('GET', '/api/studio/processes', { signal });
  const out = new Map<string, FormUse[]>();
  await Promise.all(
    items.map(async (p) => {
      const { xml } = await request<{ xml: string }>('GET', `/api/studio/processes/${encodeURIComponent(p.key)}/versions/${p.latestVersion}`, { signal });
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      for (const task of Array.from(doc.getElementsByTagNameNS(BPMN, 'userTask'))) {
        const key = task.getAttributeNS(CAMUNDA, 'formKey') ?? '';
        if (!key.startsWith('crm:')) continue;
        const uses = out.get(key.slice(4)) ?? [];
        uses.push({ process: p.name ?? p.key, task: task.getAttribute('name') ?? task.getAttribute('id') ?? '' });
        out.set(key.slice(4), uses);
      }
    }),
  );
  return out;
}
