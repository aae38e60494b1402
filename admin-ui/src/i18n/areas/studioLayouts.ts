/** Messages of the studio area 'layouts' the entry bundle needs: its navigation link (the pages' are in studioLayoutsPages.ts). */
import type { AreaMessages } from './types.js';

export const en = { 'studioLayouts.nav': 'UI layouts' };

export const zhCN: AreaMessages<typeof en> = { 'studioLayouts.nav': '界面布局' };
