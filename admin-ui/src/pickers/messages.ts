/**
 * The pickers' `t` (and the record fields' that show attachments): their own messages
 * (i18n/areas/pickers.ts, in their lazy chunks only) and every shared one (i18n/lazyCatalogue.ts).
 */
import { en, zhCN } from '../i18n/areas/pickers.js';
import { lazyCatalogue } from '../i18n/lazyCatalogue.js';

export type PickerKey = keyof typeof en;

export const { text: pickerText, useAreaI18n: usePickerI18n } = lazyCatalogue<PickerKey>(en, zhCN);
