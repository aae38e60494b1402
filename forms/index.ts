/**
 * forms/ — form definitions (JSON Schema + uiSchema, `forms/<id>.json`) and the form registry
 * (a user task's `camunda:formKey="crm:<id>"` → its form), with the server's validation of form
 * data. May read metadata/, never runtime/.
 *
 *   const forms = loadForms(DEFAULT_FORMS_DIR);       // throws FormsInvalidError naming file and path
 *   const form = forms.forKey(task.formKey);
 *   const errors = validateFormData(form, data);      // [{ path: '/reason', message: 'is required' }]
 */
import { fileURLToPath } from 'node:url';

/** The folder of the shipped forms. */
export const DEFAULT_FORMS_DIR = fileURLToPath(new URL('.', import.meta.url));

export { FORM_KEY_PREFIX, formIdOfKey, formOfDocument, loadForms, modelFormRegistry, readOnlyFields, validateFormData, visibleData, type FormRegistry } from './registry.js';
export { loadFormsDir } from './load.js';
export { FormsInvalidError } from './errors.js';
export { FORM_META_SCHEMA_FILE } from './load.js';
export type { Form, FormDocument, FormError, FormIssue, FormSchema } from './types.js';
