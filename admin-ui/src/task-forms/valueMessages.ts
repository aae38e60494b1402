/**
 * The task form's refusals in the user's language, from the browser's validator and from the
 * server alike: both are ajv's verdicts on the same JSON Schema, so ajv-i18n words them (for
 * zh-CN; English is ajv's own). The server codes its refusals (`invalid-value` with ajv's keyword and
 * params, `no-reference` for a picked id it refuses: README "Errors"); a required field reads the
 * same short "is required" under the field either way.
 */
import type { FieldError } from '../api/index.js';
import type { Localizer } from '@rjsf/validator-ajv8';
import zh from 'ajv-i18n/localize/zh/index.js';
import { useCallback } from 'react';
import type { Locale } from '../api/index.js';
import { useI18n } from '../i18n/index.js';

// A CommonJS module (`module.exports = localize`): the bundler's default import is the function, TypeScript's the module.
const localizeZh: Localizer = typeof zh === 'function' ? (zh as Localizer) : (zh as unknown as { default: Localizer }).default;

/** The validator's localizer for a UI language (none: ajv's English). */
export const formLocalizer = (locale: Locale): Localizer | undefined => (locale === 'zh-CN' ? localizeZh : undefined);

/** A coded refusal of a task completion in the user's language; null for other codes (useFieldErrorText's). */
export function useValueErrorText(): (e: FieldError) => string | null {
  const { t, locale } = useI18n();
  return useCallback(
    (e: FieldError) => {
      const { keyword, ...params } = e.params ?? {};
      if (e.code === 'no-reference') return t(params.kind === 'user' ? 'inbox.form.noPerson' : params.kind === 'attachment' ? 'inbox.form.noAttachment' : 'inbox.form.noRecord');
      if (e.code !== 'invalid-value' || typeof keyword !== 'string') return null;
      if (keyword === 'required') return t('inbox.form.required');
      const localize = formLocalizer(locale);
      if (!localize) return e.message;
      const errors = [{ keyword, params, message: e.message, instancePath: '', schemaPath: '' }];
      localize(errors);
      return errors[0].message;
    },
    [t, locale],
  );
}
