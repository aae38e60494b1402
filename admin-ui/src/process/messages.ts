/** The process view's `t`: its own messages (i18n/areas/processPages.ts, in this lazy chunk only) and every shared one (i18n/lazyCatalogue.ts). */
import { en, zhCN } from '../i18n/areas/processPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type ProcessViewKey = keyof typeof en;

export const { text: processViewText, useAreaI18n: useProcessViewI18n } = lazyCatalogue<ProcessViewKey>(en, zhCN);
