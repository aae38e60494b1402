/** Issue texts of message templates and document templates (metadata/checks/templates.ts, document-templates.ts). */
import { COMMON_TEXTS } from './common.js';
import type { IssueTemplate } from './format.js';

/** A placeholder's field path that does not resolve: what is wrong with the path, said of the placeholder. */
const placeholder = (problem: IssueTemplate): IssueTemplate => ({
  en: `placeholder {{{placeholder}}}: ${problem.en}`,
  'zh-CN': `占位符 {{{placeholder}}}：${problem['zh-CN']}`,
});

export const TEMPLATE_TEXTS = {
  'placeholder-unknown-entity': placeholder(COMMON_TEXTS['unknown-entity']),
  'placeholder-unknown-entity-field': placeholder(COMMON_TEXTS['unknown-entity-field']),
  'placeholder-not-a-lookup': placeholder(COMMON_TEXTS['not-a-lookup']),
  // A document template's line table (明细表).
  'doc-lines-via': { en: 'must be a lookup field of "{lines}" to "{entity}"', 'zh-CN': '必须是实体“{lines}”指向“{entity}”的关联字段' },
  'doc-total-not-column': { en: '"{field}" is not a column of the table', 'zh-CN': '“{field}”不是该明细表的列' },
  'doc-total-not-number': { en: '"{field}" is not a number or money field', 'zh-CN': '“{field}”不是数字或金额字段' },
} as const satisfies Record<string, IssueTemplate>;
