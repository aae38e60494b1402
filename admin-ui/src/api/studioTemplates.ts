/** Document templates (docs/documents.md): the studio's calls and the record page's print list. */
import { ApiError, apiHeaders, request } from './client.js';
import type { Label, Problem } from './types.js';

export interface DocumentTemplateSummary {
  key: string;
  entity: string;
  label: Label;
  description?: string;
}

/** A template as stored (see metadata/meta-schemas/document-template.schema.json); edited as JSON. */
export type DocumentTemplate = Record<string, unknown> & { entity: string; label: Label; body: unknown[] };

export interface TemplateVersion {
  version: number;
  publishedAt: string;
  publishedBy: string | null;
}

export interface RecordDocument extends DocumentTemplateSummary {
  href: string;
}

const BASE = '/api/metadata/document-templates';
const path = (key: string) => `${BASE}/${encodeURIComponent(key)}`;

export const listDocumentTemplates = () => request<{ version: number; items: DocumentTemplateSummary[] }>('GET', BASE);
export const getDocumentTemplate = (key: string) => request<DocumentTemplate>('GET', path(key));
/** A new template: refused (409, `taken` at /x-crm-document-template) when a template has the key — PUT would replace that one. */
export const createDocumentTemplate = (key: string, template: DocumentTemplate) =>
  request<{ version: number; changed: boolean }>('POST', BASE, { body: { 'x-crm-document-template': key, ...template } });
export const saveDocumentTemplate = (key: string, template: DocumentTemplate) => request<{ version: number; changed: boolean }>('PUT', path(key), { body: template });
/** Removes the template (a shipped one too) and publishes; its versions stay readable. */
export const deleteDocumentTemplate = (key: string) => request<{ version: number; changed: boolean }>('DELETE', path(key));
export const listTemplateVersions = (key: string) => request<{ items: TemplateVersion[] }>('GET', `${path(key)}/versions`);
export const getTemplateVersion = (key: string, version: number) => request<{ version: number; template: DocumentTemplate }>('GET', `${path(key)}/versions/${version}`);

/** The record's printable documents (empty when its entity has no template). */
export const listRecordDocuments = (entity: string, id: string) =>
  request<{ items: RecordDocument[] }>('GET', `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/documents`);

/** The PDF of an unsaved template filled for one record; a refusal is an ApiError with the template's paths. */
export async function previewDocumentTemplate(template: DocumentTemplate, recordId: string, signal?: AbortSignal): Promise<ArrayBuffer> {
  const response = await fetch(`${BASE}/preview`, {
    method: 'POST',
    headers: { ...apiHeaders('POST', 'application/pdf, application/problem+json'), 'Content-Type': 'application/json' },
    body: JSON.stringify({ template, recordId }),
    credentials: 'same-origin',
    signal,
  });
  if (response.ok) return response.arrayBuffer();
  let problem: Problem = { title: response.statusText };
  try {
    problem = (await response.json()) as Problem;
  } catch {
    // not problem+json: keep the status text
  }
  throw new ApiError(response.status, { status: response.status, ...problem });
}
