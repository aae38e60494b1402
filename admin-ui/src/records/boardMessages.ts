/** The board's `t`: its own messages (i18n/areas/recordsBoard.ts, in its lazy chunk only) and every shared one (i18n/lazyCatalogue.ts). */
import { en, zhCN } from '../i18n/areas/recordsBoard.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type BoardKey = keyof typeof en;

export const { text: boardText, useAreaI18n: useBoardI18n } = lazyCatalogue<BoardKey>(en, zhCN);
