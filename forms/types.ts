/** What a form document looks like once validated (metadata/meta-schemas/form.schema.json), and the loaded form. */
import type { CompiledForm, MetadataIssue } from '../metadata/index.js';

export type { FormDocument, FormSchema } from '../metadata/index.js';

export interface Form extends CompiledForm {
  /** The file it came from, relative to its folder (`lead-qualify.json`), when loaded from one. */
  file?: string;
}

/** One refused value of form data: `path` is a JSON Pointer into the data (`/reason`). */
export interface FormError {
  path: string;
  message: string;
  /**
   * `invalid-value`: the form's JSON Schema refused the value; `params` are ajv's with its `keyword`
   * (required, minLength, enum, …), so a UI can word it in its own language (ajv-i18n does).
   */
  code?: 'invalid-value';
  params?: Record<string, unknown>;
}

/** One problem of a form document: its file, the JSON Pointer inside it, and what is wrong (a code and params, worded as `message`). */
export type FormIssue = MetadataIssue;
