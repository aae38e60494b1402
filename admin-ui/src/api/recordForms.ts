/**
 * Record forms as the records workspace receives them, in the entity's metadata
 * (`GET /api/metadata/entities` → `forms: {create?, edit?}`; docs/studio.md, "Record forms"): the
 * fields in order with their help text, widget and condition, and the layout. Absent: the plain form.
 */
import type { EntityMeta, Label } from './types.js';

export type RecordFormPurpose = 'create' | 'edit';

export interface RecordFormField {
  name: string;
  help?: Label;
  /** `textarea` (text fields) or `radio` (choices); absent: the field kind's input. */
  widget?: string;
  /** Shown only when that field has a value (one of `values`, when given). */
  showIf?: { field: string; values?: unknown[] };
}

export interface RecordFormMeta {
  id: string;
  title: Label;
  fields: RecordFormField[];
  layout?: { kind: 'sections' | 'tabs'; groups: { title: Label; columns?: 1 | 2 | 3; fields: string[] }[] };
}

export type EntityWithForms = EntityMeta & { forms?: Partial<Record<RecordFormPurpose, RecordFormMeta>> };

/** The entity's record form for a page, if it has one. */
export const recordFormOf = (entity: EntityMeta, purpose: RecordFormPurpose): RecordFormMeta | undefined => (entity as EntityWithForms).forms?.[purpose];
