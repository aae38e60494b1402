/**
 * TypeScript types of the compiled model's records, generated with json-schema-to-typescript from
 * the same schemas the API validates with: one interface per entity (system fields included),
 * enums as string-literal unions, lookups as string ids.
 */
import { compile } from 'json-schema-to-typescript';
import type { CompiledEntity, CompiledModel, Label } from './types.js';
import { SYSTEM_FIELDS } from './types.js';
import { apiValueSchema } from './field-types/index.js';
import { pascalCase } from './names.js';

type JSONSchema4 = Parameters<typeof compile>[0];

export const GENERATED_BANNER = '/* Generated from metadata/ by `npm run codegen` (metadata/codegen.ts). Do not edit. */';

const labelText = (l: Label): string => `${l['zh-CN']} / ${l.en}`;

/** System fields as every record read from the API carries them. */
const SYSTEM_SCHEMAS: Record<(typeof SYSTEM_FIELDS)[number], Record<string, unknown>> = {
  id: { type: 'string', description: 'Record id (uuid)' },
  version: { type: 'integer', description: 'Optimistic-lock version, +1 on every change' },
  ownerId: { type: ['string', 'null'], description: 'Owning user id' },
  createdAt: { type: 'string', description: 'ISO 8601 date-time' },
  createdBy: { type: ['string', 'null'], description: 'User id' },
  updatedAt: { type: 'string', description: 'ISO 8601 date-time' },
  updatedBy: { type: ['string', 'null'], description: 'User id' },
  deletedAt: { type: ['string', 'null'], description: 'Set when the record is in the recycle bin' },
  deletedBy: { type: ['string', 'null'], description: 'User id of who deleted it' },
};

/** Only the keywords that shape a TypeScript type; titles would spawn separate named types. */
function tsSchema(value: Record<string, unknown>, description: string): Record<string, unknown> {
  const out: Record<string, unknown> = { description };
  for (const key of ['type', 'enum', 'items', 'properties', 'required', 'additionalProperties']) {
    if (value[key] !== undefined) out[key] = value[key];
  }
  return out;
}

export function entityTypeSchema(entity: CompiledEntity): JSONSchema4 {
  const properties: Record<string, unknown> = { ...SYSTEM_SCHEMAS };
  for (const f of entity.fields) {
    if (f.hidden) continue;
    properties[f.name] = tsSchema(apiValueSchema(f.schema, f.kind), labelText(f.label));
  }
  return {
    title: pascalCase(entity.name),
    description: `${labelText(entity.label)} (entity \`${entity.name}\`)`,
    type: 'object',
    additionalProperties: false,
    properties,
    required: [...SYSTEM_FIELDS, ...entity.fields.filter((f) => f.required && !f.hidden).map((f) => f.name)],
  } as JSONSchema4;
}

/** The whole `entities.d.ts` text. Entities in name order, so the output is stable. */
export async function generateTypes(model: CompiledModel): Promise<string> {
  const entities = Object.values(model.entities)
    .filter((e) => !e.hidden)
    .sort((a, b) => a.name.localeCompare(b.name));
  const parts = [GENERATED_BANNER, ''];
  for (const entity of entities) {
    const ts = await compile(entityTypeSchema(entity), pascalCase(entity.name), {
      bannerComment: '',
      additionalProperties: false,
      declareExternallyReferenced: true,
      format: true,
      unknownAny: true,
    });
    parts.push(ts.trim(), '');
  }
  parts.push('/** Entity name → record type. */', 'export interface EntityRecords {');
  for (const e of entities) parts.push(`  ${e.name}: ${pascalCase(e.name)};`);
  parts.push('}', '', 'export type EntityName = keyof EntityRecords;', '');
  return parts.join('\n');
}
