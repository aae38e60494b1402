/** Messages of the workspace area 'process' needed outside its lazy chunk: the record page's link to the process view (the page's own are in processPages.ts). */
import type { AreaMessages } from './types.js';

export const en = {
  'processView.open': 'Process view',
  'processView.openLabel': 'Open the process view of {name}',
};

export const zhCN: AreaMessages<typeof en> = {
  'processView.open': '流程视图',
  'processView.openLabel': '打开「{name}」的流程视图',
};
