/** The triggers editor's `t`: its own messages (i18n/areas/studioTriggersPages.ts, in this lazy chunk only) and the shared ones. */
import { en, zhCN } from '../i18n/areas/studioTriggersPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type TriggersKey = keyof typeof en;
export const { text: triggersText, useAreaI18n: useTriggersI18n } = lazyCatalogue<TriggersKey>(en, zhCN);
