/**
 * What the view designer knows of the draft: its entities as the records UI describes them
 * (EntityMeta, so the condition editor and the columns' labels work as in the workspace), the
 * columns a view may show (fields, a few system fields, and one step through a lookup such as
 * `account.name`), the fields a list may be grouped or a board laid out by, and the server's issues
 * as the studio's FormErrors (each shown at the control editing its path).
 */
import type { EntityDoc } from '../api/studioModel.js';
import type { ViewIssue } from '../api/studioViews.js';
import type { EntityMeta, FieldMeta, Label } from '../api/types.js';
import type { FormErrors } from '../studio-admin/errors.js';
import { kindOf } from '../studio-model/fieldModel.js';

const SYSTEM: { name: string; kind: FieldMeta['kind']; label: Label }[] = [
  { name: 'createdAt', kind: 'datetime', label: { 'zh-CN': '创建时间', en: 'Created' } },
  { name: 'updatedAt', kind: 'datetime', label: { 'zh-CN': '更新时间', en: 'Updated' } },
];

export function entityMetaOf(doc: EntityDoc): EntityMeta {
  const fields: FieldMeta[] = Object.entries(doc.properties ?? {}).map(([name, f]) => {
    // A computed field reads as the kind of its value (the document without its expression).
    const kind = kindOf({ ...f, 'x-crm-computed': undefined }) as FieldMeta['kind'];
    const enumValues = Array.isArray(f.enum) ? (f.enum as unknown[]).map(String) : undefined;
    const lookup = f['x-crm-lookup'] as { entity?: string } | undefined;
    return {
      name,
      kind,
      label: f['x-crm-label'] ?? { 'zh-CN': name, en: name },
      required: (doc.required ?? []).includes(name),
      ...(enumValues ? { enumValues, enumLabels: (f['x-crm-enum-labels'] ?? {}) as Record<string, Label> } : {}),
      ...(lookup?.entity ? { lookup: { entity: lookup.entity } } : {}),
    };
  });
  const label = doc['x-crm-label'] ?? { 'zh-CN': doc['x-crm-entity'], en: doc['x-crm-entity'] };
  const display = typeof doc['x-crm-display-field'] === 'string' ? doc['x-crm-display-field'] : fields.some((f) => f.name === 'name') ? 'name' : (fields.find((f) => f.kind === 'text')?.name ?? 'id');
  return { name: doc['x-crm-entity'], label, pluralLabel: (doc['x-crm-plural-label'] as Label | undefined) ?? label, displayField: display, fields };
}

export interface ColumnChoice {
  path: string;
  /** The lookup field the path goes through, and the field it ends on. */
  via?: FieldMeta;
  field: FieldMeta;
}

/** Every column a view of `entity` may show: its fields (JSON too), creation/update time, and each lookup's target fields. */
export function columnChoices(entity: EntityMeta, entityByName: (name: string) => EntityMeta | undefined): ColumnChoice[] {
  const own = [...entity.fields, ...SYSTEM.map((s) => ({ ...s, required: false }))];
  const out: ColumnChoice[] = own.map((field) => ({ path: field.name, field }));
  for (const via of entity.fields) {
    const related = via.lookup ? entityByName(via.lookup.entity) : undefined;
    if (related) for (const field of related.fields) out.push({ path: `${via.name}.${field.name}`, via, field });
  }
  return out;
}

/** Fields a list may be sorted or grouped by: as the records list offers them. */
export { groupableFields, sortableFields } from '../records/listSpec.js';

const errorId = (path: string) => `err${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** The issues as FormErrors (as studio-admin/errors.tsx makes them from a refusal), for the controls and the condition editor. */
export function issueErrors(issues: ViewIssue[]): FormErrors {
  const at = (path: string, below = false) => issues.filter((i) => i.path === path || (below && i.path.startsWith(path + '/'))).map((i) => i.message);
  return {
    at,
    control: (path, below) => (at(path, below).length ? { 'aria-invalid': true, 'aria-describedby': errorId(path) } : {}),
    error: null,
    fail: () => undefined,
    clear: () => undefined,
  };
}
