/**
 * A lazily loaded area's own `t`: its pages' messages (a catalogue only its chunk imports, so the
 * entry bundle does not carry them — areas/README.md) over the shared catalogue, in the user's
 * language. `const { useAreaI18n } = lazyCatalogue(en, zhCN)` in the area's messages.ts.
 */
import { useMemo } from 'react';
import type { Locale } from '../api/types.js';
import { translate, type Vars } from './catalogue.js';
import type { MessageKey } from './en.js';
import { useI18n, type I18n } from './I18nProvider.js';

export interface AreaI18n<K extends string> extends Omit<I18n, 't'> {
  t(key: K | MessageKey, vars?: Vars): string;
}

export function lazyCatalogue<K extends string>(en: Record<K, string>, zhCN: Record<K, string>) {
  const catalogues: Record<Locale, Record<K, string>> = { en, 'zh-CN': zhCN };
  const own = (key: string): key is K => Object.hasOwn(en, key);
  const text = (locale: Locale, key: K | MessageKey, vars?: Vars): string => {
    if (!own(key)) return translate(locale, key, vars);
    const s = catalogues[locale][key] ?? en[key];
    return vars ? s.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : s;
  };
  function useAreaI18n(): AreaI18n<K> {
    const i18n = useI18n();
    return useMemo(() => ({ ...i18n, t: (key: K | MessageKey, vars?: Vars) => text(i18n.locale, key, vars) }), [i18n]);
  }
  return { text, useAreaI18n };
}
