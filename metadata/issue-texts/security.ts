/** Issue texts of roles and sharing rules (metadata/checks/security.ts). */
import type { IssueTemplate } from './format.js';

export const SECURITY_TEXTS = {
  'role-default-taken': { en: 'role "{role}" is already the default role', 'zh-CN': '角色“{role}”已是默认角色' },
  'role-fields-need-entity': { en: 'field permissions need a named entity', 'zh-CN': '字段权限必须针对具体的实体' },
  // `chain`: the roles from the role up its parents, back to the first repeated, joined by " → ".
  'role-hierarchy-loop': { en: 'the role hierarchy loops: {chain}', 'zh-CN': '角色层级出现循环：{chain}' },
  'sharing-entity-taken': { en: 'entity "{entity}" already has sharing rules in {other}', 'zh-CN': '实体“{entity}”在 {other} 中已有共享规则' },
  'sharing-rule-twice': { en: 'rule "{rule}" is already defined', 'zh-CN': '共享规则“{rule}”已定义' },
  'sharing-no-owner': { en: 'entity "{entity}" has no owner', 'zh-CN': '实体“{entity}”没有负责人' },
  'sharing-condition-variable': { en: 'a sharing condition cannot use variables', 'zh-CN': '共享规则的条件不能使用变量' },
  'sharing-condition-own-fields': { en: 'a sharing condition can only use the entity’s own fields', 'zh-CN': '共享规则的条件只能使用该实体自身的字段' },
  'territory-field-kind': {
    en: 'a territory field must be text or enum ("{field}" is "{kind}")',
    'zh-CN': '区域字段必须是文本或枚举字段（“{field}”是{kind}类型）',
  },
} as const satisfies Record<string, IssueTemplate>;
