/**
 * The entity designer's `t`: its own messages (i18n/areas/studioModelPages.ts, loaded with this
 * lazy chunk only) and every shared one, in the user's language.
 */
import { useMemo } from 'react';
import { translate, useI18n, type I18n, type MessageKey } from '../i18n/index.js';
import { en, zhCN } from '../i18n/areas/studioModelPages.js';
import type { Locale } from '../api/types.js';

export type StudioKey = keyof typeof en;
type Vars = Record<string, string | number>;

const CATALOGUES: Record<Locale, Record<StudioKey, string>> = { en, 'zh-CN': zhCN };
const own = (key: string): key is StudioKey => Object.hasOwn(en, key);

export function studioText(locale: Locale, key: StudioKey | MessageKey, vars?: Vars): string {
  if (!own(key)) return translate(locale, key, vars);
  const text = CATALOGUES[locale][key] ?? en[key];
  return vars ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole)) : text;
}

export interface StudioI18n extends Omit<I18n, 't'> {
  t(key: StudioKey | MessageKey, vars?: Vars): string;
}

export function useStudioI18n(): StudioI18n {
  const i18n = useI18n();
  return useMemo(() => ({ ...i18n, t: (key: StudioKey | MessageKey, vars?: Vars) => studioText(i18n.locale, key, vars) }), [i18n]);
}
