/**
 * Issue texts: every problem the metadata checks (and the studio's other checks) report has a stable
 * `code` and `params`, and its message in both UI languages comes from one template per code
 * (`{name}` is replaced by params.name; a list reads "a, b" in English and "a、b" in Chinese; a
 * param that is itself a code and params — a reason inside a sentence — reads as that code's text).
 * The issue's `message` is the English text; an HTTP response says it in the language the request
 * accepts (runtime/http/language.ts).
 */
export type IssueLocale = 'en' | 'zh-CN';
/** A text inside another: a code of the catalogue and its params. */
export interface NestedText {
  readonly code: string;
  readonly params?: IssueParams;
}
export type IssueParam = string | number | boolean | readonly (string | number)[] | NestedText;
export type IssueParams = Readonly<{ [name: string]: IssueParam }>;
export interface IssueTemplate {
  readonly en: string;
  readonly 'zh-CN': string;
}

/** A template filled with params; a missing (or unworded nested) param stays as `{name}` (a test catches it). */
export function fillTemplate(template: string, params: IssueParams | undefined, locale: IssueLocale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params?.[name];
    if (v === undefined) return whole;
    if (Array.isArray(v)) return v.map(String).join(locale === 'zh-CN' ? '、' : ', ');
    if (typeof v === 'object') return whole;
    return String(v);
  });
}
