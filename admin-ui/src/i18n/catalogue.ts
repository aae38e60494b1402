/** The catalogues, the language choice (stored choice, else the browser's language) and formatting. */
import type { Label, Locale } from '../api/types.js';
import { en, type MessageKey, type Messages } from './en.js';
import { zhCN } from './zh-CN.js';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const CATALOGUES: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const STORAGE_KEY = 'crm.locale';

export type Vars = Record<string, string | number>;

export function translate(locale: Locale, key: MessageKey, vars?: Vars): string {
  const text = CATALOGUES[locale][key] ?? en[key] ?? key;
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A metadata label in the current language, falling back to the other one. */
export function pickLabel(locale: Locale, label: Partial<Label> | undefined, fallback = ''): string {
  if (!label) return fallback;
  return label[locale] || label.en || label['zh-CN'] || fallback;
}

export function localeFromLanguage(language: string | undefined): Locale {
  return language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export function initialLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    if (stored && (LOCALES as readonly string[]).includes(stored)) return stored as Locale;
  } catch {
    // storage unavailable (privacy mode): fall through to the browser's language
  }
  return localeFromLanguage(typeof navigator === 'undefined' ? undefined : navigator.language);
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // not remembered; the choice still applies to this page
  }
}
