/**
 * Messages of the studio area 'studio-forms' needed outside its lazy chunk: the navigation label and
 * the task form layout's words (task-forms/FormLayout.tsx, also on the task page). The designer's
 * own are in studioFormsPages.ts (see README.md in this folder).
 */
import type { AreaMessages } from './types.js';

export const en = {
  'studioForms.nav': 'Form designer',
  'studioForms.layout.other': 'Other',
  'studioForms.layout.hasErrors': '(has errors)',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'studioForms.nav': '表单设计器',
  'studioForms.layout.other': '其他',
  'studioForms.layout.hasErrors': '（有错误）',
};
