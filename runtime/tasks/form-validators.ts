/**
 * The browser's form validators, precompiled here: react-jsonschema-form validates with ajv, which
 * compiles schemas with `new Function` — refused by our Content Security Policy (no 'unsafe-eval').
 * So the server compiles each form's schema once with rjsf's own compiler (ajv standalone code) and
 * serves it as an ES module (GET /api/tasks/forms/:formId/validator.js) exporting a factory; the
 * task page calls it with the two ajv runtime helpers the code needs and hands the result to rjsf's
 * createPrecompiledValidator. Same schema, same ajv, no eval.
 */
import { compileSchemaValidatorsCode } from '@rjsf/validator-ajv8/lib/compileSchemaValidatorsCode.js';
import type { Form, FormRegistry } from '../../forms/index.js';
import { AppError } from '../errors.js';

/** By form object: a newly published version of a form is a new object, compiled anew. */
const cache = new WeakMap<Form, string>();

/** The module's text: `export default function (require) { …; return exports; }`. */
export function formValidatorModule(forms: FormRegistry, formId: string): string {
  const form = forms.forKey(`crm:${formId}`);
  if (!form) throw new AppError('not-found', `no form ${formId}`);
  let code = cache.get(form);
  if (code === undefined) {
    const standalone = compileSchemaValidatorsCode(form.schema as Parameters<typeof compileSchemaValidatorsCode>[0]);
    // A module is strict already: the CommonJS code's "use strict" is a harmless expression here.
    code = `export default function (require) {\nconst exports = {};\n${standalone}\nreturn exports;\n}\n`;
    cache.set(form, code);
  }
  return code;
}
