/**
 * Document templates (docs/documents.md): printed forms of records, filled as the reader may see
 * the record (`fillDocument`) and laid out as PDF (`renderPdf`); the HTTP routes for record pages
 * and the studio are in routes.ts.
 */
export { fillDocument, type FilledDocument, type FilledBlock } from './resolve.js';
export { renderPdf } from './pdf.js';
export { documentRecordRoutes, documentTemplateRoutes } from './routes.js';
