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
import { ENTITY_TEXTS } from './entities.js';
import { PUBLISH_TEXTS } from './publish.js';
import { fillTemplate, type IssueLocale, type IssueParam, type IssueParams } from './format.js';
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
  ...ENTITY_TEXTS,
  ...PUBLISH_TEXTS,
} as const;
export type IssueCode = keyof typeof ISSUE_TEXTS;

/** What a check says: a code and its params (the message is made from them). */
export interface IssueText {
  code: IssueCode;
  params?: IssueParams;
}

/**
 * Anything that says what it says as a code and params besides its English text: metadata issues
 * (`message`), a publish plan's refusals (`message`) and actions (`summary`).
 */
export interface Coded {
  code?: IssueCode;
  params?: IssueParams;
}

const isCode = (code: string): code is IssueCode => Object.hasOwn(ISSUE_TEXTS, code);

/** A param in a language: a nested code and params becomes its text. */
const wordParam = (v: IssueParam, locale: IssueLocale): IssueParam =>
  typeof v === 'object' && !Array.isArray(v) && isCode((v as IssueText).code) ? issueMessage(v as IssueText, locale) : v;

/** An issue text in a language. */
export const issueMessage = (t: IssueText, locale: IssueLocale = 'en'): string =>
  fillTemplate(ISSUE_TEXTS[t.code][locale], t.params && Object.fromEntries(Object.entries(t.params).map(([k, v]) => [k, wordParam(v, locale)])), locale);

/** A coded text: its English message, code and params. */
export const codedText = (text: IssueText): IssueText & { message: string } => ({ message: issueMessage(text), code: text.code, ...(text.params ? { params: text.params } : {}) });

/** An issue: what a check says (code, params) and its English message. */
export const issueOf = (file: string, path: string, text: IssueText): MetadataIssue => ({ file, path, ...codedText(text) });

export { fillTemplate, type IssueLocale, type IssueParams, type IssueParam, type IssueTemplate, type NestedText } from './format.js';
