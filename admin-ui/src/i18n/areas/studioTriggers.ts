/**
 * Messages of the studio area 'studio-triggers' needed outside its lazy chunk: the navigation label.
 * The editor's own are in studioTriggersPages.ts (see README.md in this folder).
 */
import type { AreaMessages } from './types.js';

export const en = {
  'studioTriggers.nav': 'Triggers',
} as const;

export const zhCN: AreaMessages<typeof en> = {
  'studioTriggers.nav': '触发器',
};
