/**
 * Which declared view a records list opens with, per entity, for a user's role: the view whose
 * `defaultFor` lists the role, else the entity's `default: true` view, else none (the client takes
 * the first). A person's own choice (the list's `?view=` address) comes before either; the checks
 * (metadata/checks/views.ts) allow one view per role and entity.
 */
import type { ViewDocument } from '../../metadata/index.js';

export function defaultViews(views: readonly ViewDocument[], role: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of views) if (v.default && !out[v.entity]) out[v.entity] = v['x-crm-view'];
  if (role) for (const v of views) if (v.defaultFor?.includes(role)) out[v.entity] = v['x-crm-view'];
  return out;
}
