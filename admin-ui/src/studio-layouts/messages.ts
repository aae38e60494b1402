/** The layout editor's `t`: its own messages (i18n/areas/studioLayoutsPages.ts, in this lazy chunk) and every shared one. */
import { en, zhCN } from '../i18n/areas/studioLayoutsPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type LayoutsKey = keyof typeof en;

export const { text: layoutsText, useAreaI18n: useLayoutsI18n } = lazyCatalogue<LayoutsKey>(en, zhCN);
