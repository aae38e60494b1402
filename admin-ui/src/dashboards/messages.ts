/**
 * The dashboards' `t` (the page and its cards, which the home page shows too): their own messages
 * (i18n/areas/dashboardsPages.ts, in their lazy chunks only) and every shared one (i18n/lazyCatalogue.ts).
 */
import { en, zhCN } from '../i18n/areas/dashboardsPages.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type DashboardsKey = keyof typeof en;

export const { text: dashboardsText, useAreaI18n: useDashboardsI18n } = lazyCatalogue<DashboardsKey>(en, zhCN);
