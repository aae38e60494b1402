/** The view designer's `t`: its own messages (i18n/areas/studioViewsPages.ts, in this lazy chunk only) and the shared ones. */
import { en, zhCN } from '../i18n/areas/studioViewsPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type ViewsKey = keyof typeof en;
export const { text: viewsText, useAreaI18n: useViewsI18n } = lazyCatalogue<ViewsKey>(en, zhCN);
