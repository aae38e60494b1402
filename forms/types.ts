/** What a form document looks like once validated (forms/form.schema.json), and the loaded form. */
import type { Label } from '../metadata/index.js';

/** The form's JSON Schema: an object whose top-level properties are the form's fields. */
export interface FormSchema {
  type: 'object';
  properties: Record<string, Record<string, unknown> & { 'x-crm-label': Label }>;
  required?: string[];
  [keyword: string]: unknown;
}

export interface FormDocument {
  'x-crm-form': string;
  title: Label;
  description?: string;
  schema: FormSchema;
  uiSchema?: Record<string, unknown>;
  /** record field ← top-level form field, written to the process's record on completion. */
  record?: { fields: Record<string, string> };
}

export interface Form {
  id: string;
  title: Label;
  schema: FormSchema;
  uiSchema: Record<string, unknown>;
  record: { fields: Record<string, string> };
  /** The file it came from, relative to its folder (`lead-qualify.json`). */
  file: string;
}

/** One refused value of form data: `path` is a JSON Pointer into the data (`/reason`). */
export interface FormError {
  path: string;
  message: string;
}

/** One problem of a form document: its file and the JSON Pointer inside it. */
export interface FormIssue {
  file: string;
  path: string;
  message: string;
}
