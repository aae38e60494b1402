/** Messages of the workspace area 'dashboards' needed outside its lazy chunks: the navigation label (the page's and its cards' are in dashboardsPages.ts). */
import type { AreaMessages } from './types.js';

export const en = {
  'dashboards.nav': 'Dashboards',
};

export const zhCN: AreaMessages<typeof en> = {
  'dashboards.nav': '仪表盘',
};
