/**
 * The form registry: the forms of one folder, by id and by a user task's formKey
 * (`crm:<id>`). Loading refuses the whole folder when any document is bad.
 */
import type { ValidateFunction } from '../metadata/index.js';
import { formDataErrors } from './data.js';
import { FormsInvalidError } from './errors.js';
import { loadFormsDir } from './load.js';
import type { Form, FormError } from './types.js';

/** The prefix of a formKey naming one of our forms (`camunda:formKey="crm:lead-qualify"`). */
export const FORM_KEY_PREFIX = 'crm:';

/** The form id a formKey names, or null when it names none of ours. */
export const formIdOfKey = (formKey: string | null | undefined): string | null =>
  typeof formKey === 'string' && formKey.startsWith(FORM_KEY_PREFIX) && formKey.length > FORM_KEY_PREFIX.length ? formKey.slice(FORM_KEY_PREFIX.length) : null;

const validators = new WeakMap<Form, ValidateFunction>();

export interface FormRegistry {
  readonly forms: ReadonlyMap<string, Form>;
  get(id: string): Form | undefined;
  /** The form a user task's formKey names (undefined: no crm: key, or no such form). */
  forKey(formKey: string | null | undefined): Form | undefined;
}

function formRegistry(forms: Form[]): FormRegistry {
  const byId = new Map(forms.map((f) => [f.id, f]));
  const get = (id: string) => byId.get(id);
  return {
    forms: byId,
    get,
    forKey(formKey) {
      const id = formIdOfKey(formKey);
      return id === null ? undefined : get(id);
    },
  };
}

/** The forms of a folder (none when it does not exist); throws FormsInvalidError naming every bad file and path. */
export function loadForms(dir: string): FormRegistry {
  const { forms, issues } = loadFormsDir(dir);
  if (issues.length > 0) throw new FormsInvalidError(dir, issues);
  for (const { form, validate } of forms) validators.set(form, validate);
  return formRegistry(forms.map((f) => f.form));
}

/** What is wrong with `data` for `form` (empty: valid), each error a JSON Pointer into the data. */
/**
 * The fields a form shows but does not take (`readOnly` in its schema or `ui:readonly` in its
 * uiSchema): what the process put there for the person to read — an amount, an over-budget flag,
 * the reviewers' comments. A submission's values for them are not written back (the browser
 * sends them as they were; nobody may change them by editing the request).
 */
export function readOnlyFields(form: Form): Set<string> {
  const fromSchema = Object.entries(form.schema.properties).filter(([, p]) => p.readOnly === true);
  const fromUi = Object.entries(form.uiSchema).filter(([, u]) => typeof u === 'object' && u !== null && (u as Record<string, unknown>)['ui:readonly'] === true);
  return new Set([...fromSchema, ...fromUi].map(([name]) => name));
}

export function validateFormData(form: Form, data: unknown): FormError[] {
  const validate = validators.get(form);
  if (!validate) throw new Error(`form ${form.id} was not loaded by loadForms`);
  return formDataErrors(form, validate, data);
}
