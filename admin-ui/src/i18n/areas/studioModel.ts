/** Messages of the studio area 'entity designer' needed outside its lazy chunk: the navigation label (the pages' are in studioModelPages.ts). */
import type { AreaMessages } from './types.js';

export const en = {
  'studioModel.nav': 'Entity designer',
};

export const zhCN: AreaMessages<typeof en> = {
  'studioModel.nav': '实体设计器',
};
