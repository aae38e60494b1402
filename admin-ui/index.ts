/**
 * The admin-ui's public surface for the server: where the built app lives. The server serves this
 * folder at `/` and never imports anything else from admin-ui (the UI talks to it over HTTP only).
 */
import { fileURLToPath } from 'node:url';

export const ADMIN_UI_DIST = fileURLToPath(new URL('./dist', import.meta.url));
