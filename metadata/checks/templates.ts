/**
 * Cross-document checks of message templates: names unique, and every subject and body a mustache
 * template that parses (an unclosed section or tag is named with its position).
 */
import Mustache from 'mustache';
import { pointer } from '../json-pointer.js';
import type { CheckContext } from './context.js';
import { isObject, isString } from './context.js';

export function checkTemplates(ctx: CheckContext): void {
  const names = new Map<string, string>();
  ctx.pkg.templates.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const file = ctx.fileOf('templates', i);
    const name = doc['x-crm-template'];
    if (isString(name)) {
      if (names.has(name)) ctx.report(file, '/x-crm-template', { code: 'already-defined', params: { name, other: names.get(name)! } });
      else names.set(name, file);
    }
    for (const part of ['subject', 'body'] as const) {
      const texts = doc[part];
      if (!isObject(texts)) continue;
      for (const [lang, text] of Object.entries(texts)) {
        if (!isString(text)) continue;
        try {
          Mustache.parse(text);
        } catch (e) {
          ctx.report(file, pointer(part, lang), { code: 'bad-template', params: { detail: (e as Error).message } });
        }
      }
    }
  });
}
