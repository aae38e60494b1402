import { request } from './client.js';
import type { EntityMeta, ViewMeta } from './types.js';

export async function listEntities(): Promise<EntityMeta[]> {
  const res = await request<{ entities: EntityMeta[] }>('GET', '/api/metadata/entities');
  return res.entities;
}

export async function listViews(entity: string): Promise<ViewMeta[]> {
  const res = await request<{ views: ViewMeta[] }>('GET', '/api/metadata/views', { query: { entity } });
  return res.views;
}
