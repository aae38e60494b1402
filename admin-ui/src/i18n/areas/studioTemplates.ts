/**
 * Messages of the studio area 'templates' that the entry bundle needs: its navigation link and the
 * record page's Print / PDF menu (see README.md in this folder). The pages' own messages travel
 * with their lazy chunk: studio-templates/messages.ts.
 */
import type { AreaMessages } from './types.js';

export const en = {
  'studioTemplates.nav': 'Document templates',
  'studioTemplates.print': 'Print / PDF',
  'studioTemplates.printLabel': 'Print {document} as PDF (opens in a new tab)',
};

export const zhCN: AreaMessages<typeof en> = {
  'studioTemplates.nav': '文档模板',
  'studioTemplates.print': '打印 / PDF',
  'studioTemplates.printLabel': '将{document}输出为 PDF 打印（在新标签页打开）',
};
