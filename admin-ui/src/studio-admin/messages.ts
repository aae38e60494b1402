/**
 * The administration pages' `t`: their own messages (i18n/areas/studioAdminPages.ts, loaded with
 * this lazy chunk only) and every shared one, in the user's language (i18n/lazyCatalogue.ts).
 */
import { en, zhCN } from '../i18n/areas/studioAdminPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type AdminKey = keyof typeof en;

export const { text: adminText, useAreaI18n: useAdminI18n } = lazyCatalogue<AdminKey>(en, zhCN);
