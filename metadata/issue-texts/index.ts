/**
 * Every issue code with its texts in both UI languages (format.ts says how a template reads).
 * One catalogue file per area of checks; a code is defined once (a test checks both languages fill
 * the same params).
 */
import { COMMON_TEXTS } from './common.js';
import { VIEW_TEXTS } from './views.js';
import { SECURITY_TEXTS } from './security.js';
import { LAYOUT_TEXTS } from './layouts.js';
import { TRIGGER_TEXTS } from './triggers.js';
import { PROCESS_TEXTS } from './processes.js';
import { FORM_TEXTS } from './forms.js';
import { TEMPLATE_TEXTS } from './templates.js';
import { fillTemplate, type IssueLocale, type IssueParams } from './format.js';
import type { MetadataIssue } from '../types.js';

export const ISSUE_TEXTS = {
  ...COMMON_TEXTS,
  ...VIEW_TEXTS,
  ...SECURITY_TEXTS,
  ...LAYOUT_TEXTS,
  ...TRIGGER_TEXTS,
  ...PROCESS_TEXTS,
  ...FORM_TEXTS,
  ...TEMPLATE_TEXTS,
} as const;
export type IssueCode = keyof typeof ISSUE_TEXTS;

/** What a check says: a code and its params (the message is made from them). */
export interface IssueText {
  code: IssueCode;
  params?: IssueParams;
}

/** An issue text in a language. */
export const issueMessage = (t: IssueText, locale: IssueLocale = 'en'): string => fillTemplate(ISSUE_TEXTS[t.code][locale], t.params, locale);

/** An issue: what a check says (code, params) and its English message. */
export const issueOf = (file: string, path: string, text: IssueText): MetadataIssue => ({ file, path, message: issueMessage(text), code: text.code, ...(text.params ? { params: text.params } : {}) });

export { fillTemplate, type IssueLocale, type IssueParams, type IssueParam, type IssueTemplate } from './format.js';
