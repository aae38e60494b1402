/** The task page's `t`: its own messages (i18n/areas/inboxTask.ts, in this lazy chunk only) and every shared one (i18n/lazyCatalogue.ts). */
import { en, zhCN } from '../i18n/areas/inboxTask.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type TaskKey = keyof typeof en;

export const { text: taskText, useAreaI18n: useTaskI18n } = lazyCatalogue<TaskKey>(en, zhCN);
