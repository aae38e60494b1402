/**
 * The task form's refusals in the user's language, from the browser's validator and from the
 * server alike: both are ajv's verdicts on the same JSON Schema, so ajv-i18n words them (for
 * zh-CN; English is ajv's own). The server codes its refusals (`invalid-value` with ajv's keyword and
 * params, `no-reference` for a picked id it refuses: README "Errors"); a required field reads the
 * same short "is required" under the field either way.
 */
import type { FieldError } from '../api/index.js';
import type { Localizer } from '@rjsf/validator-ajv8';
import { useCallback, useEffect, useState } from 'react';
import type { Locale } from '../api/index.js';
import { useI18n } from '../i18n/index.js';

// ajv-i18n's Chinese, a chunk of its own, fetched when a page needs it in Chinese.
let zhLocalizer: Promise<Localizer> | null = null;
const loadZh = (): Promise<Localizer> =>
  (zhLocalizer ??= import('ajv-i18n/localize/zh/index.js').then((m) => {
    // A CommonJS module (`module.exports = localize`): the bundler's default import is the function, TypeScript's the module.
    const zh: unknown = m.default;
    return (typeof zh === 'function' ? zh : (zh as { default: Localizer }).default) as Localizer;
  }));

/** The validator's localizer for a UI language (none: ajv's English). */
export const formLocalizer = async (locale: Locale): Promise<Localizer | undefined> => (locale === 'zh-CN' ? loadZh() : undefined);

/**
 * A coded refusal (`invalid-value`, `no-reference`) in the user's language; null for other codes
 * (useFieldErrorText's). In Chinese, until ajv-i18n has loaded (it starts loading with the page), the
 * server's English.
 */
export function useValueErrorText(): (e: FieldError) => string | null {
  const { t, locale } = useI18n();
  const [localize, setLocalize] = useState<{ fn?: Localizer }>({});
  useEffect(() => {
    let live = true;
    formLocalizer(locale).then((fn) => live && setLocalize({ fn }), () => undefined);
    return () => {
      live = false;
    };
  }, [locale]);
  return useCallback(
    (e: FieldError) => {
      const { keyword, ...params } = e.params ?? {};
      if (e.code === 'no-reference') return t(params.kind === 'user' ? 'inbox.form.noPerson' : params.kind === 'attachment' ? 'inbox.form.noAttachment' : 'inbox.form.noRecord');
      if (e.code !== 'invalid-value' || typeof keyword !== 'string') return null;
      if (keyword === 'required') return t('inbox.form.required');
      if (!localize.fn) return e.message;
      const errors = [{ keyword, params, message: e.message, instancePath: '', schemaPath: '' }];
      localize.fn(errors);
      return errors[0].message;
    },
    [t, localize],
  );
}
