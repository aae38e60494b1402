/**
 * The values a territory's regions and industries may take. Territory sharing rules compare them
 * with a record field (each entity's rule names its `fields.region`, `fields.industry`), so where
 * every such field is an enum, a value none of them allows would match no record — silently. Such
 * a value is refused (`invalid-value`, ajv's `enum` params) at its element. Where some field is free
 * text, or no rule names one, any value may match and none is refused. The studio's drop-downs
 * offer the same values (admin-ui/src/studio-admin/territoryChoices.ts).
 */
import type { CompiledModel } from '../../metadata/index.js';
import type { FieldError } from '../errors.js';

export type Criterion = 'region' | 'industry';

/** The values a territory's `which` may take, and the fields that decide them; null when any value may match. */
export function criterionValues(model: CompiledModel, which: Criterion): { values: string[]; fields: string[] } | null {
  const values = new Set<string>();
  const fields: string[] = [];
  for (const [entityName, doc] of Object.entries(model.security.sharing)) {
    for (const rule of doc.rules ?? []) {
      if (rule.type !== 'territory' || !rule.fields[which]) continue;
      const field = model.entities[entityName]?.fields.find((f) => f.name === rule.fields[which]);
      if (!field?.enumValues) return null;
      field.enumValues.forEach((v) => values.add(v));
      fields.push(`${entityName}.${field.name}`);
    }
  }
  return fields.length === 0 ? null : { values: [...values], fields: [...new Set(fields)] };
}

/** The elements of `list` (a territory's `/${attribute}`, already a list of strings) that no rule's field allows, each named by its path. */
export function criterionErrors(model: CompiledModel, which: Criterion, attribute: string, list: unknown): FieldError[] {
  const allowed = Array.isArray(list) ? criterionValues(model, which) : null;
  if (!allowed) return [];
  return (list as string[]).flatMap((v, i) =>
    allowed.values.includes(v)
      ? []
      : [
          {
            path: `/${attribute}/${i}`,
            message: `must be one of the values of ${allowed.fields.join(', ')}, which territory sharing rules compare it with: ${allowed.values.join(', ')}`,
            code: 'invalid-value' as const,
            params: { keyword: 'enum', allowedValues: allowed.values },
          },
        ],
  );
}
