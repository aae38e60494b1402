/** Internationalisation: every visible string goes through `useI18n().t` or `.label`. */
export { I18nProvider, useI18n, type I18n } from './I18nProvider.js';
export { LOCALES, localeFromLanguage, pickLabel, translate } from './catalogue.js';
export type { MessageKey } from './en.js';
