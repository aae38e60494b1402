/**
 * The entity designer's `t`: its own messages (i18n/areas/studioModelPages.ts, loaded with this
 * lazy chunk only) and every shared one, in the user's language (i18n/lazyCatalogue.ts).
 */
import { en, zhCN } from '../i18n/areas/studioModelPages.js';
import { lazyCatalogue, type AreaI18n } from '../i18n/lazyCatalogue.js';

export type StudioKey = keyof typeof en;
export type StudioI18n = AreaI18n<StudioKey>;

export const { text: studioText, useAreaI18n: useStudioI18n } = lazyCatalogue<StudioKey>(en, zhCN);
