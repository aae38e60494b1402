/** Messages of the workspace area 'inbox' (see README.md in this folder). */
import type { AreaMessages } from './types.js';

export const en = {};

export const zhCN: AreaMessages<typeof en> = {};
