/** Issue texts of UI layouts (metadata/checks/layouts.ts). */
import type { IssueTemplate } from './format.js';

export const LAYOUT_TEXTS = {
  'layout-role-taken': { en: 'role "{role}" already has a layout in {other}', 'zh-CN': '角色“{role}”在 {other} 中已有布局' },
  'layout-default-taken': { en: '{other} is already the default layout', 'zh-CN': '{other} 已是默认布局' },
  'layout-view-of-other-entity': {
    en: 'view "{view}" is a view of "{viewEntity}", not of "{entity}"',
    'zh-CN': '视图“{view}”是“{viewEntity}”的视图，不是“{entity}”的视图',
  },
} as const satisfies Record<string, IssueTemplate>;
