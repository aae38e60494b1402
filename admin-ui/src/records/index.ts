/** Record pages: list, detail (with history), create/edit form. */
export { RecordListPage } from './RecordListPage.js';
export { RecordDetailPage } from './RecordDetailPage.js';
export { RecordFormPage } from './RecordFormPage.js';
