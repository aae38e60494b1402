import { request } from './client.js';
import type { EntityMeta, ViewMeta } from './types.js';

export async function listEntities(): Promise<EntityMeta[]> {
  const res = await request<{ entities: EntityMeta[] }>('GET', '/api/metadata/entities');
  return res.entities;
}

/** The entity's declared views, and the one the user opens first (their role's `defaultFor` view, else the default one). */
export async function listViews(entity: string): Promise<{ views: ViewMeta[]; defaultView?: string }> {
  const res = await request<{ views: ViewMeta[]; defaults?: Record<string, string> }>('GET', '/api/metadata/views', { query: { entity } });
  return { views: res.views, defaultView: res.defaults?.[entity] };
}
