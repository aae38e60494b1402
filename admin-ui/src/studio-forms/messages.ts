/** The form designer's `t`: its own messages (i18n/areas/studioFormsPages.ts, in this lazy chunk only) and the shared ones. */
import { en, zhCN } from '../i18n/areas/studioFormsPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type FormsKey = keyof typeof en;
export const { text: formsText, useAreaI18n: useFormsI18n } = lazyCatalogue<FormsKey>(en, zhCN);
