/** Record pages: list, detail (with history), create/edit form. */
export { RecordListPage } from './RecordListPage.js';
export { RecordDetailPage } from './RecordDetailPage.js';
export { RecordFormPage } from './RecordFormPage.js';
// The form designer's preview renders record forms as the create/edit page does.
export { RecordFormBody } from './RecordFormBody.js';
export { shownFields } from './recordForm.js';
export { errorsByField, toPayload, type FormValues } from './formValues.js';
