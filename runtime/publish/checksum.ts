/**
 * Canonical JSON (object keys sorted, `undefined` members left out) and the checksum of a metadata
 * package. Document order does not count: each kind's documents are sorted by their names,
 * so loading the same files in another order gives the same checksum.
 */
import { createHash } from 'node:crypto';
import type { MetadataPackage } from '../../metadata/index.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

const byKey =
  <T>(key: keyof T) =>
  (a: T, b: T): number => {
    const x = String(a[key]);
    const y = String(b[key]);
    return x < y ? -1 : x > y ? 1 : 0;
  };

export function documentsChecksum(pkg: MetadataPackage): string {
  const sorted = {
    entities: [...(pkg.entities ?? [])].sort(byKey('x-crm-entity')),
    views: [...(pkg.views ?? [])].sort(byKey('x-crm-view')),
    triggers: [...(pkg.triggers ?? [])].sort(byKey('x-crm-trigger')),
    // Only when present: packages without roles and sharing keep the checksum they always had.
    ...(pkg.roles?.length ? { roles: [...pkg.roles].sort(byKey('x-crm-role')) } : {}),
    ...(pkg.sharing?.length ? { sharing: [...pkg.sharing].sort(byKey('x-crm-sharing')) } : {}),
    ...(pkg.templates?.length ? { templates: [...pkg.templates].sort(byKey('x-crm-template')) } : {}),
    ...(pkg.documentTemplates?.length ? { documentTemplates: [...pkg.documentTemplates].sort(byKey('x-crm-document-template')) } : {}),
    ...(pkg.forms?.length ? { forms: [...pkg.forms].sort(byKey('x-crm-form')) } : {}),
    ...(pkg.layouts?.length ? { layouts: [...pkg.layouts].sort(byKey('x-crm-ui-layout')) } : {}),
  };
  return createHash('sha256').update(canonicalJson(sorted)).digest('hex');
}

/** Same JSON value (key order ignored), e.g. a model against its jsonb round trip. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
