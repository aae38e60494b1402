/**
 * UI layouts (metadata/layouts/*.json) as one user gets them. A user's layout is the one naming
 * their effective role, else the default layout, else none (the workspace as it is without one) —
 * the checks allow a role in one layout only and one default, so there is never a tie. Entries and
 * widgets over records the user may not read are left out; the APIs behind them check again.
 */
import type { CompiledEntity, CompiledModel, EntityLayout, HomeWidget, HomeWidgetKind, Label, NavigationArea, UiLayoutDocument } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import { can, documentForRole, effectiveRole } from '../access/index.js';

/** A menu entry, ready to show: where it leads (the UI's address) and, for records, its label. */
export type SessionNavigationEntry = { area: NavigationArea; to: string; label?: Label } | { entity: string; view?: string; to: string; label: Label };
/** A home widget; a view widget says which entity the view lists. */
export type SessionHomeWidget = HomeWidget & { entity?: string };

export interface SessionLayout {
  name: string;
  /** Absent: the usual menu (areas, then every readable entity). */
  navigation?: SessionNavigationEntry[];
  /** Absent: `/` opens the inbox. */
  home?: SessionHomeWidget[];
}

const AREA_PATHS: Record<NavigationArea, string> = { inbox: '/inbox', dashboards: '/dashboards', notifications: '/notifications' };

/** What entity a widget counts or lists (null: the user's own tasks, always theirs to see). */
const WIDGET_ENTITY: Record<Exclude<HomeWidgetKind, 'view'>, string | null> = {
  funnel: 'opportunity',
  pipeline: 'opportunity',
  forecast: 'opportunity',
  'service-requests': 'serviceRequest',
  'overdue-tasks': null,
  'my-tasks': null,
};

/** The layout document that applies to the user: their role's, else the default, else null. */
export function layoutDocumentFor(user: User, model: CompiledModel): UiLayoutDocument | null {
  return documentForRole(Object.values(model.layouts ?? {}), effectiveRole(user, model), (l) => l.roles, (l) => l.default === true) ?? null;
}

/** The record page sections of `entity` for the user: their layout's, else the entity's own (x-crm-layout). */
export function recordLayoutFor(user: User, model: CompiledModel, entity: CompiledEntity): EntityLayout | undefined {
  return layoutDocumentFor(user, model)?.records?.[entity.name] ?? entity.document['x-crm-layout'];
}

/** The user's layout for the workspace shell (GET /api/auth/me), or null when none applies. */
export function sessionLayout(user: User, model: CompiledModel): SessionLayout | null {
  const doc = layoutDocumentFor(user, model);
  if (!doc) return null;
  const readable = (entity: string | null): boolean => entity === null || (model.entities[entity] !== undefined && !model.entities[entity].hidden && can(user, model, entity, 'read'));
  const viewEntity = (name: string): string | undefined => model.views.find((v) => v['x-crm-view'] === name)?.entity;
  const out: SessionLayout = { name: doc['x-crm-ui-layout'] };
  if (doc.navigation)
    out.navigation = doc.navigation.flatMap((e): SessionNavigationEntry[] => {
      if ('area' in e) return [{ ...e, to: AREA_PATHS[e.area] }];
      if (!readable(e.entity)) return [];
      const to = `/records/${e.entity}${e.view ? `?view=v:${encodeURIComponent(e.view)}` : ''}`;
      return [{ ...e, to, label: e.label ?? model.entities[e.entity].pluralLabel }];
    });
  if (doc.home)
    out.home = doc.home.flatMap((w): SessionHomeWidget[] => {
      if (w.widget !== 'view') return readable(WIDGET_ENTITY[w.widget]) ? [w] : [];
      const entity = viewEntity(w.view!);
      return entity && readable(entity) ? [{ ...w, entity }] : [];
    });
  return out;
}
