/** Issue texts of views and triggers (metadata/checks/views.ts). */
import type { IssueTemplate } from './format.js';

export const VIEW_TEXTS = {
  'view-group-by-kind': {
    en: 'a list cannot be grouped by a {kind} field ("{field}"); group by {groupable} fields or ownerId',
    'zh-CN': '列表不能按{kind}类型的字段（“{field}”）分组；请按 {groupable} 类型的字段或负责人（ownerId）分组',
  },
  'view-role-default-taken': {
    en: 'role "{role}" already has a default view of entity "{entity}" in {other}',
    'zh-CN': '角色“{role}”在 {other} 中已有实体“{entity}”的默认视图',
  },
  'view-kanban-not-enum': {
    en: 'a kanban groups by an enum field ("{field}" is "{kind}")',
    'zh-CN': '看板只能按枚举字段分组（“{field}”是{kind}类型）',
  },
  'view-default-taken': {
    en: 'entity "{entity}" already has a default view in {other}',
    'zh-CN': '实体“{entity}”在 {other} 中已有默认视图',
  },
} as const satisfies Record<string, IssueTemplate>;
