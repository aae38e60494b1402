/** The UI's HTTP client: one function per API call, errors as `ApiError`. */
export { ApiError, isApiError, setUnauthorizedHandler } from './client.js';
export * from './auth.js';
export * from './metadata.js';
export * from './records.js';
export * from './recordForms.js';
export type * from './types.js';
