/**
 * Issue texts of triggers against the deployed processes (runtime/triggers/deployed.ts) and of the
 * conditions stored in metadata that the records filter refuses (a criteria sharing rule's, a
 * trigger's: runtime/records/condition-problem.ts; the filter's own errors carry the same codes).
 */
import type { IssueTemplate } from './format.js';

/** `{value} is not …`: the value (as JSON), the field and its entity. */
const notA = (en: string, zh: string): IssueTemplate => ({
  en: `{value} is not ${en} (field '{field}' of {entity})`,
  'zh-CN': `{value} 不是${zh}（实体 {entity} 的字段“{field}”）`,
});

export const TRIGGER_TEXTS = {
  'trigger-process-not-deployed': {
    en: 'no process "{processKey}" is deployed: deploy it first (Studio → Processes), or save the trigger disabled',
    'zh-CN': '流程“{processKey}”尚未部署：请先部署它（设计工作室 → 流程），或将触发器保存为停用',
  },
  'trigger-message-not-caught': {
    en: 'no deployed process catches message "{messageName}": the trigger would reach nothing',
    'zh-CN': '没有已部署的流程接收消息“{messageName}”：该触发器不会触达任何流程',
  },
  // A condition the records filter refuses.
  'condition-op-kind': { en: "operator '{op}' is not available for {kind} field '{field}'", 'zh-CN': '{kind}类型的字段“{field}”不能使用运算符“{op}”' },
  'condition-not-string': notA('a string', '字符串'),
  'condition-not-enum-value': notA('one of {allowed}', '以下取值之一：{allowed}'),
  'condition-not-integer': notA('an integer', '整数'),
  'condition-not-number': notA('a number', '数字'),
  'condition-not-boolean': notA('true or false', 'true 或 false'),
  'condition-not-date': notA('a date (YYYY-MM-DD)', '日期（YYYY-MM-DD）'),
  'condition-not-datetime': notA('a date-time (ISO 8601, e.g. 2024-05-01T08:00:00Z)', '日期时间（ISO 8601，例如 2024-05-01T08:00:00Z）'),
  'condition-not-uuid': notA('a uuid', 'UUID'),
  'condition-not-comparable': notA('comparable', '可比较的值'),
  // Any other refusal of the filter, in its own words.
  'condition-refused': { en: '{detail}', 'zh-CN': '条件无效：{detail}' },
} as const satisfies Record<string, IssueTemplate>;
