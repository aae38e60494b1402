/** The 'inbox' workspace area: its pages and navigation links (see app/areas.ts). */
import type { Area } from '../app/areas.js';

export const inboxArea: Area = { routes: [], links: [] };
