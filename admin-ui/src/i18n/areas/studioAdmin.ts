/** Messages of the studio area 'studio-admin' needed outside its lazy chunk: the navigation label (the pages' are in studioAdminPages.ts). */
import type { AreaMessages } from './types.js';

export const en = {
  'studioAdmin.nav': 'Administration',
};

export const zhCN: AreaMessages<typeof en> = {
  'studioAdmin.nav': '系统管理',
};
