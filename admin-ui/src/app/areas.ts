/**
 * The workspace areas' pages and navigation links. Each area declares its own in `<area>/area.tsx`,
 * so the areas grow without touching each other's lines; `routes.tsx` appends the routes and the
 * shell shows the links above the entity navigation, in this order.
 */
import { dashboardsArea } from '../dashboards/area.js';
import { homeArea } from '../home/area.js';
import { inboxArea } from '../inbox/area.js';
import type { MessageKey } from '../i18n/index.js';
import { processArea } from '../process/area.js';
import { studioAdminArea } from '../studio-admin/area.js';
import { studioTemplatesArea } from '../studio-templates/area.js';
import { studioModelArea } from '../studio-model/area.js';
import { studioFormsArea } from '../studio-forms/area.js';
import { studioTriggersArea } from '../studio-triggers/area.js';
import { studioViewsArea } from '../studio-views/area.js';
import { studioProcessArea } from '../studio-process/area.js';
import { studioLayoutsArea } from '../studio-layouts/area.js';
import { workspaceArea } from '../workspace/area.js';
import type { RouteDef } from './routes.js';

export interface AreaLink {
  to: string;
  label: MessageKey;
  /** Shown only to users with this capability (studio: analysts and admins; admin: admins), under the Studio heading. */
  requires?: 'studio' | 'admin';
}

export interface Area {
  routes: RouteDef[];
  links: AreaLink[];
}

export const AREAS: Area[] = [inboxArea, dashboardsArea, processArea, workspaceArea, studioAdminArea, studioTemplatesArea, studioModelArea, studioFormsArea, studioTriggersArea, studioViewsArea, studioProcessArea, studioLayoutsArea, homeArea];
