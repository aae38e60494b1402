/**
 * Messages of the studio area 'studio-views' needed outside its lazy chunk: the navigation label.
 * The designer's own are in studioViewsPages.ts (see README.md in this folder).
 */
import type { AreaMessages } from './types.js';

export const en = {
  'studioViews.nav': 'View designer',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'studioViews.nav': '视图设计器',
};
