/**
 * Rendering a message template (`templates/*.json`) for one reader: the text of their language
 * (`en`, else `zh-CN`), mustache placeholders filled from `data` as plain text — no HTML escaping,
 * since subjects and bodies are shown and mailed as text. A placeholder without data renders empty.
 */
import Mustache from 'mustache';
import type { Label, TemplateDocument } from './types.js';

export interface RenderedMessage {
  subject: string;
  body: string;
}

const PLAIN = { escape: (value: unknown) => String(value) };

export const languageOf = (locale: string | null | undefined): keyof Label => (locale === 'en' ? 'en' : 'zh-CN');

export function renderTemplate(template: TemplateDocument, locale: string | null | undefined, data: Record<string, unknown>): RenderedMessage {
  const lang = languageOf(locale);
  return {
    // A subject is one line: line breaks from the data become spaces.
    subject: Mustache.render(template.subject[lang], data, {}, PLAIN).replace(/\s*[\r\n]+\s*/g, ' ').trim(),
    body: Mustache.render(template.body[lang], data, {}, PLAIN),
  };
}
