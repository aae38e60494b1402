/** The entity designer's calls (/api/metadata/draft…, /versions…; runtime/studio-model, docs/studio.md) and their shapes. */
import { request } from './client.js';
import type { Label } from './types.js';

/** An entity document as the metadata/ folder holds it (JSON Schema + x-crm-* annotations). */
export type EntityDoc = Record<string, unknown> & {
  'x-crm-entity': string;
  'x-crm-label'?: Label;
  properties?: Record<string, FieldDoc>;
  required?: string[];
  'x-crm-indexes'?: IndexRule[];
  'x-crm-unique'?: IndexRule[];
  'x-crm-duplicate-rules'?: DuplicateRuleDoc[];
  'x-crm-layout'?: { sections: LayoutSection[] };
};
export type FieldDoc = Record<string, unknown> & { 'x-crm-label'?: Label };
export interface IndexRule {
  name?: string;
  fields: string[];
}
export interface DuplicateRuleDoc {
  name: string;
  label?: Label;
  fields: { field: string; normalise: string }[];
}
export interface LayoutSection {
  key: string;
  label: Label;
  fields: string[];
}

export interface DraftChange {
  file: string;
  kind: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
}

export interface Draft {
  baseVersion: number;
  currentVersion: number;
  revision: number;
  updatedAt: string | null;
  updatedBy: string | null;
  changes: DraftChange[];
  documents: { entities: EntityDoc[] } & Record<string, Record<string, unknown>[]>;
}

export interface DraftIssue {
  file: string;
  path: string;
  message: string;
  kind?: string;
  document?: string;
  field?: string;
}

/** What a planned action does or why a change is refused: a stable code and params (metadata/issue-texts/publish.ts), the text in the UI's language. */
interface PlanText {
  code?: string;
  params?: Record<string, unknown>;
}

export interface PreviewAction extends PlanText {
  kind: string;
  entity: string;
  field?: string;
  name?: string;
  /** In the language the UI asked for (Accept-Language). */
  summary: string;
  sql: string[];
  impact: { rows?: { live: number; total: number }; duplicates?: { groups: number; examples: Record<string, unknown>[] } };
}

export interface Preview {
  revision: number;
  currentVersion: number;
  actions: PreviewAction[];
  /** In the language the UI asked for (Accept-Language). */
  refusals: (PlanText & { entity: string; field?: string; message: string })[];
  blocked: boolean;
}

export interface VersionItem {
  version: number;
  checksum: string;
  publishedAt: string;
  publishedBy: string | null;
  actionCount: number;
}

export interface SummaryLine {
  op: 'field-added' | 'field-removed' | 'field-changed' | 'member-added' | 'member-removed' | 'member-changed';
  field?: string;
  member?: string;
  attributes?: string[];
}

export interface DocumentDiff {
  file: string;
  kind: string;
  name: string;
  change: 'added' | 'removed' | 'changed';
  summary: SummaryLine[];
  patch: string;
}

const base = '/api/metadata';
export const getDraft = () => request<Draft>('GET', `${base}/draft`);
export const putDraftEntity = (name: string, revision: number, document: EntityDoc) =>
  request<{ revision: number; issues: DraftIssue[] }>('PUT', `${base}/draft/entities/${encodeURIComponent(name)}`, { body: { revision, document } });
export const validateDraft = () => request<{ revision: number; valid: boolean; issues: DraftIssue[] }>('POST', `${base}/draft/validate`, { body: {} });
/** An entity document checked against the draft without saving it: its issues. */
export const tryDraftEntity = (document: EntityDoc) => request<{ revision: number; valid: boolean; issues: DraftIssue[] }>('POST', `${base}/draft/validate`, { body: { document } });
export const previewDraft = () => request<Preview>('POST', `${base}/draft/preview`, { body: {} });
export const publishDraft = (revision: number) =>
  request<{ version: number; changed: boolean; actions: { summary: string; sql: string[] }[] }>('POST', `${base}/draft/publish`, { body: { revision } });
export const discardDraft = (revision: number) => request<void>('DELETE', `${base}/draft`, { query: { revision } });
export const importDraft = (revision: number, file: { zip: string } | { files: Record<string, string> }) =>
  request<{ revision: number; changes: DraftChange[] }>('POST', `${base}/draft/import`, { body: { revision, ...file } });
export const listVersions = () => request<{ items: VersionItem[] }>('GET', `${base}/versions`);
export const versionDiff = (version: number, from?: number) =>
  request<{ from: number; to: number; documents: DocumentDiff[] }>('GET', `${base}/versions/${version}/diff`, { query: { from } });
export const draftDiff = () => request<{ from: number; documents: DocumentDiff[] }>('GET', `${base}/draft/diff`);
export const draftExportUrl = `${base}/draft/export`;
export const versionExportUrl = (version: number) => `${base}/versions/${version}/export`;
