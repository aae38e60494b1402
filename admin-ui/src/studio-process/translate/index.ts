/**
 * bpmn-js's `translate` service in the UI's language: bpmn-js, diagram-js and the properties panel
 * pass every text of theirs through it (with `{name}` placeholders). English is theirs; zh-CN's
 * dictionary (zh-CN.ts) is a chunk of its own, loaded only for a Chinese UI.
 */
type Replacements = Record<string, string> | undefined;

/** The module replacing bpmn-js's translate with one over `dictionary`. */
export function translateModule(dictionary: Record<string, string>) {
  const translate = (template: string, replacements?: Replacements) =>
    (dictionary[template] ?? template).replace(/{([^}]+)}/g, (whole, key: string) => replacements?.[key] ?? whole);
  return { translate: ['value', translate] };
}

/** The translate module for `locale`, or none (English: the libraries' own texts). */
export async function translationFor(locale: string): Promise<unknown[]> {
  if (locale !== 'zh-CN') return [];
  const { zhCN } = await import('./zh-CN.js');
  return [translateModule(zhCN)];
}
