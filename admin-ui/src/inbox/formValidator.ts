/**
 * The task form's validator without `new Function` (our CSP forbids eval): the server serves the
 * form's schema precompiled by rjsf's compiler (runtime/tasks/form-validators.ts) as a module whose
 * default export takes `require`; the two ajv runtime helpers that code asks for come from here.
 */
import type { RJSFSchema, ValidatorType } from '@rjsf/utils';
import { createPrecompiledValidator } from '@rjsf/validator-ajv8';
import type { ValidatorFunctions } from '@rjsf/validator-ajv8/lib/types.js';
import { fullFormats } from 'ajv-formats/dist/formats.js';
import type { Locale } from '../api/index.js';
import { formLocalizer } from '../task-forms/valueMessages.js';

/** ajv's ucs2length (a string's length in code points, as JSON Schema counts it), written out here. */
function ucs2length(text: string): number {
  let length = 0;
  for (let pos = 0; pos < text.length; length++) {
    const code = text.charCodeAt(pos++);
    if (code >= 0xd800 && code <= 0xdbff && pos < text.length && (text.charCodeAt(pos) & 0xfc00) === 0xdc00) pos++;
  }
  return length;
}

const RUNTIME: Record<string, unknown> = {
  'ajv/dist/runtime/ucs2length': { default: ucs2length },
  'ajv-formats/dist/formats': { fullFormats },
};

function runtimeRequire(name: string): unknown {
  const module = RUNTIME[name];
  if (!module) throw new Error(`the precompiled form validator needs ${name}, which the task page does not provide`);
  return module;
}

const loaded = new Map<string, Promise<ValidatorType>>();

/** A short hash of a text (FNV-1a, 32 bits), to tell versions of a form apart in a URL. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The form's validator, its messages in `locale` (ajv-i18n). */
export function formValidator(formId: string, schema: RJSFSchema, locale: Locale): Promise<ValidatorType> {
  // By form and schema: a form published anew (studio) gets its new validator in the same session.
  const key = `${formId}\n${JSON.stringify(schema)}`;
  const cacheKey = `${locale}\n${key}`;
  let v = loaded.get(cacheKey);
  if (!v) {
    // A module is loaded once per URL: the schema's hash names this version of the form.
    const url = `/api/tasks/forms/${encodeURIComponent(formId)}/validator.js?v=${hash(key)}`;
    v = Promise.all([import(/* @vite-ignore */ url) as Promise<{ default(require: (name: string) => unknown): ValidatorFunctions }>, formLocalizer(locale)]).then(([m, localizer]) =>
      createPrecompiledValidator(m.default(runtimeRequire), schema, localizer),
    );
    v.catch(() => loaded.delete(cacheKey));
    loaded.set(cacheKey, v);
  }
  return v;
}
