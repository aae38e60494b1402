/**
 * The form registry: forms by id and by a user task's formKey (`crm:<id>`). The running server's
 * registry follows the current metadata model (forms are documents of the published package:
 * `modelFormRegistry`), so a form published in the studio is live at once on every node;
 * `loadForms(dir)` reads a folder (tests, tools), refusing it when any document is bad.
 */
import { compileForm, compileFormSchema, createAjv, type CompiledModel, type FormDocument, type ValidateFunction } from '../metadata/index.js';
import { formDataErrors, visibleData } from './data.js';
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

/** Task forms only: a record form (record.purposes) lays out an entity's pages, no task can name it. */
function formRegistry(forms: Form[]): FormRegistry {
  const byId = new Map(forms.filter((f) => !f.record.purposes).map((f) => [f.id, f]));
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

/** One form document as a form whose data can be validated (the studio's preview of a draft form). */
export function formOfDocument(doc: FormDocument): Form {
  const form: Form = compileForm(doc);
  validators.set(form, compileFormSchema(createAjv(), form.schema));
  return form;
}

/**
 * The forms of the current model (`model()` is read on every call): each compiled form once per
 * model, its fields back in the order they were written (a stored model is jsonb, which sorts keys).
 */
export function modelFormRegistry(model: () => CompiledModel): FormRegistry {
  let seen: CompiledModel | undefined;
  let registry: FormRegistry = formRegistry([]);
  const current = () => {
    const m = model();
    if (m !== seen) {
      seen = m;
      const ajv = createAjv();
      const forms = Object.values(m.forms ?? {}).map((f): Form => {
        const properties = Object.fromEntries((f.order ?? Object.keys(f.schema.properties)).filter((n) => Object.hasOwn(f.schema.properties, n)).map((n) => [n, f.schema.properties[n]]));
        const form: Form = { ...f, schema: { ...f.schema, properties } };
        validators.set(form, compileFormSchema(ajv, form.schema));
        return form;
      });
      registry = formRegistry(forms);
    }
    return registry;
  };
  return {
    get forms() {
      return current().forms;
    },
    get: (id) => current().get(id),
    forKey: (formKey) => current().forKey(formKey),
  };
}

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

/**
 * What is wrong with `data` for `form` (empty: valid), each error a JSON Pointer into the data.
 * Fields hidden by their condition (`ui:crm-showIf`) are left out first, as the task page does.
 */
export function validateFormData(form: Form, data: unknown): FormError[] {
  const validate = validators.get(form);
  if (!validate) throw new Error(`form ${form.id} was not loaded by loadForms or modelFormRegistry`);
  return formDataErrors(form, validate, data);
}

export { visibleData };
