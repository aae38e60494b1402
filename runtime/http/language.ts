/**
 * The language of a response's human-readable texts: the request's Accept-Language (the browser UI
 * sends its own language; without the header, English). Coded texts (metadata/issue-texts/: metadata
 * issues, coded field errors, a publish plan's refusals and action summaries) are worded in it here,
 * at the edge, so every client reads them the same way; their `code` and `params` stay as they are
 * for programs.
 */
import { createRequire } from 'node:module';
import type { Request } from 'express';
import type { ErrorObject } from 'ajv';
import { ISSUE_TEXTS, issueMessage, type IssueCode, type IssueLocale, type IssueParams } from '../../metadata/index.js';

/** zh-CN when the request prefers any Chinese over English, else en. */
export function requestLocale(req: Request): IssueLocale {
  const best = req.acceptsLanguages('en', 'zh-CN', 'zh');
  return best === 'zh-CN' || best === 'zh' ? 'zh-CN' : 'en';
}

type Localize = (errors: Partial<ErrorObject>[]) => void;
let zh: Localize | undefined;
/** ajv-i18n's Chinese (CommonJS), loaded the first time a Chinese response needs it. */
const ajvZh = (): Localize => (zh ??= createRequire(import.meta.url)('ajv-i18n/localize/zh') as Localize);

/** ajv's verdict (an issue's `keyword` and params) in Chinese. */
function ajvMessage(params: Record<string, unknown>): string {
  const { keyword, message, ...rest } = params;
  const errors: Partial<ErrorObject>[] = [{ keyword: String(keyword), params: rest, message: String(message ?? ''), instancePath: '', schemaPath: '' }];
  ajvZh()(errors);
  return errors[0].message ?? String(message ?? '');
}

/** Anything that says what is wrong with a message and maybe a code (a metadata issue, a problem's field error, a model problem). */
export interface Worded {
  message: string;
  code?: string;
  params?: Readonly<Record<string, unknown>>;
}

/** Where a coded item keeps its text: `message` (issues, refusals, field errors) or `summary` (a publish plan's actions). */
export type TextKey = 'message' | 'summary';

const isIssueCode = (code: string | undefined): code is IssueCode => code !== undefined && Object.hasOwn(ISSUE_TEXTS, code);

/** One item's text (under `key`) in a language (English: as made); an item without a code of the issue catalogue stays as it is. */
export function localizeText<T extends Partial<Worded> & { summary?: string }>(item: T, locale: IssueLocale, key: TextKey = 'message'): T {
  if (locale === 'en' || !isIssueCode(item.code)) return item;
  const params = (item.code === 'schema' || item.code === 'bad-name' ? { ...item.params, message: ajvMessage(item.params ?? {}) } : item.params) as IssueParams | undefined;
  return { ...item, [key]: issueMessage({ code: item.code, params }, locale) };
}

export const localizeTexts = <T extends Partial<Worded> & { summary?: string }>(items: readonly T[], locale: IssueLocale, key: TextKey = 'message'): T[] => items.map((i) => localizeText(i, locale, key));

/** Coded items (issues, a publish plan's refusals, or its actions with key `summary`) in the request's language. */
export const textsFor = <T extends Partial<Worded> & { summary?: string }>(req: Request, items: readonly T[], key: TextKey = 'message'): T[] => localizeTexts(items, requestLocale(req), key);
