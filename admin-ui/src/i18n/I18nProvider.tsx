import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label, Locale } from '../api/types.js';
import { setRequestLanguage } from '../api/client.js';
import { initialLocale, pickLabel, rememberLocale, translate, type Vars } from './catalogue.js';
import type { MessageKey } from './en.js';

export interface I18n {
  locale: Locale;
  setLocale(locale: Locale): void;
  /** A catalogue message, `{name}` placeholders filled from `vars`. */
  t(key: MessageKey, vars?: Vars): string;
  /** A metadata label (entity, field, enum value, view) in the current language. */
  label(label: Partial<Label> | undefined, fallback?: string): string;
  formatNumber(value: number, options?: Intl.NumberFormatOptions): string;
  formatDateTime(iso: string): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => {
    const first = initialLocale();
    setRequestLanguage(first);
    return first;
  });

  const setLocale = useCallback((next: Locale) => {
    rememberLocale(next);
    setRequestLanguage(next);
    setLocaleState(next);
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.title');
  }, [locale]);

  const value = useMemo<I18n>(() => {
    const numberFormats = new Map<string, Intl.NumberFormat>();
    return {
      locale,
      setLocale,
      t: (key, vars) => translate(locale, key, vars),
      label: (l, fallback) => pickLabel(locale, l, fallback),
      formatNumber: (n, options) => {
        const cacheKey = JSON.stringify(options ?? {});
        let format = numberFormats.get(cacheKey);
        if (!format) numberFormats.set(cacheKey, (format = new Intl.NumberFormat(locale, options)));
        return format.format(n);
      },
      formatDateTime: (iso) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(locale);
      },
    };
  }, [locale, setLocale]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}
