/** The home page's `t`: its own messages (i18n/areas/homePages.ts, in this lazy chunk) and every shared one. */
import { en, zhCN } from '../i18n/areas/homePages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type HomeKey = keyof typeof en;

export const { text: homeText, useAreaI18n: useHomeI18n } = lazyCatalogue<HomeKey>(en, zhCN);
