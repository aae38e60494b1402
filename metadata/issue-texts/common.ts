/** Issue texts shared by several kinds of document (names, references, enum values). */
import type { IssueTemplate } from './format.js';

export const COMMON_TEXTS = {
  // The meta-schemas' own verdicts (metadata/validate.ts): ajv's keyword and params; `schema` is worded by ajv (ajv-i18n for Chinese).
  schema: { en: '{message}', 'zh-CN': '{message}' },
  'unknown-member': { en: 'is not allowed here (unknown member)', 'zh-CN': '此处不允许（未知成员）' },
  'member-required': { en: 'is required', 'zh-CN': '必填' },
  'one-of': { en: 'must be one of: {allowed}', 'zh-CN': '必须是以下之一：{allowed}' },
  'must-be': { en: 'must be {value}', 'zh-CN': '必须是 {value}' },
  'not-allowed': { en: 'is not allowed here', 'zh-CN': '此处不允许' },
  'reserved-name': { en: 'is a system field name (reserved: {reserved})', 'zh-CN': '是系统字段名（保留名：{reserved}）' },
  'bad-name': { en: 'name {message}', 'zh-CN': '名称{message}' },
  'not-array': { en: 'must be an array of {kind} documents', 'zh-CN': '必须是 {kind} 文档的数组' },
  // Files of a package.
  'bad-json': { en: 'not valid JSON: {detail}', 'zh-CN': '不是有效的 JSON：{detail}' },
  'not-object': { en: 'must be a JSON object', 'zh-CN': '必须是 JSON 对象' },
  'not-metadata-file': { en: 'not a metadata file: expected {kinds}/<name>.json', 'zh-CN': '不是元数据文件：应为 {kinds}/<名称>.json' },
  'file-twice': { en: 'appears twice', 'zh-CN': '出现了两次' },
  'not-file-name': { en: "must be the file's name ({name})", 'zh-CN': '必须与文件名一致（{name}）' },
  // References and names.
  'already-defined': { en: '"{name}" is already defined in {other}', 'zh-CN': '“{name}”已在 {other} 中定义' },
  'unknown-entity': { en: 'unknown entity "{entity}"', 'zh-CN': '未知实体“{entity}”' },
  'unknown-field': { en: 'unknown field "{field}"', 'zh-CN': '未知字段“{field}”' },
  'unknown-entity-field': { en: 'unknown field "{field}" of entity "{entity}"', 'zh-CN': '实体“{entity}”没有字段“{field}”' },
  'not-a-lookup': { en: '"{field}" is not a lookup field of entity "{entity}"', 'zh-CN': '“{field}”不是实体“{entity}”的关联字段' },
  'unknown-role': { en: 'unknown role "{role}"', 'zh-CN': '未知角色“{role}”' },
  'unknown-view': { en: 'unknown view "{view}"', 'zh-CN': '未知视图“{view}”' },
  'not-enum-value': { en: '"{value}" is not a value of the enum', 'zh-CN': '“{value}”不是该枚举的取值' },
  'bad-template': { en: 'not a valid mustache template: {detail}', 'zh-CN': '不是有效的 mustache 模板：{detail}' },
  'bad-json-schema': { en: 'not a valid JSON Schema: {detail}', 'zh-CN': '不是有效的 JSON Schema：{detail}' },
} as const satisfies Record<string, IssueTemplate>;
