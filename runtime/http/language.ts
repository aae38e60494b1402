/**
 * The language of a response's human-readable texts: the request's Accept-Language (the browser UI
 * sends its own language; without the header, English). Coded issues (metadata/issue-texts/) are
 * worded in it here, at the edge, so every client reads them the same way; their `code` and `params`
 * stay as they are for programs.
 */
import { createRequire } from 'node:module';
import type { Request } from 'express';
import type { ErrorObject } from 'ajv';
import { ISSUE_TEXTS, fillTemplate, type IssueCode, type IssueLocale, type IssueParams } from '../../metadata/index.js';

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

const isIssueCode = (code: string | undefined): code is IssueCode => code !== undefined && Object.hasOwn(ISSUE_TEXTS, code);

/** One issue's message in a language (English: as checked); an item without a code of the issue catalogue stays as it is. */
export function localizeIssue<T extends Worded>(issue: T, locale: IssueLocale): T {
  if (locale === 'en' || !isIssueCode(issue.code)) return issue;
  const params = (issue.code === 'schema' || issue.code === 'bad-name' ? { ...issue.params, message: ajvMessage(issue.params ?? {}) } : issue.params) as IssueParams | undefined;
  return { ...issue, message: fillTemplate(ISSUE_TEXTS[issue.code][locale], params, locale) };
}

export const localizeIssues = <T extends Worded>(issues: readonly T[], locale: IssueLocale): T[] => issues.map((i) => localizeIssue(i, locale));

/** The issues in the request's language. */
export const issuesFor = <T extends Worded>(req: Request, issues: readonly T[]): T[] => localizeIssues(issues, requestLocale(req));
