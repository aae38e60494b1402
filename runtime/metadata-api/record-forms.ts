/**
 * The record forms of an entity as the records workspace renders them (docs/studio.md, "Record
 * forms"): per purpose (create, edit), the one for the caller's role — the form naming it, else the
 * form without roles — with the fields in order with their help text, widget and condition, and the
 * layout (sections or tabs, with columns) — only fields the caller may see.
 */
import type { CompiledForm, Label, RecordFormPurpose } from '../../metadata/index.js';
import { documentForRole } from '../access/index.js';

export interface RecordFormField {
  name: string;
  help?: Label;
  widget?: string;
  showIf?: { field: string; values?: unknown[] };
}

export interface RecordFormLayout {
  kind: 'sections' | 'tabs';
  groups: { title: Label; columns?: 1 | 2 | 3; fields: string[] }[];
}

export interface RecordFormMeta {
  id: string;
  title: Label;
  fields: RecordFormField[];
  layout?: RecordFormLayout;
}

type Obj = Record<string, unknown>;

/** One record form, reduced to the fields in `visible` (a field hidden from the caller is not on it). */
export function describeRecordForm(form: CompiledForm, visible: (field: string) => boolean): RecordFormMeta {
  const ui = form.uiSchema;
  const fields = (form.order ?? Object.keys(form.schema.properties))
    .filter((name) => Object.hasOwn(form.schema.properties, name) && visible(name))
    .map((name): RecordFormField => {
      const options = (ui[name] ?? {}) as Obj;
      const help = form.schema.properties[name]['x-crm-help'] as Label | undefined;
      return {
        name,
        ...(help ? { help } : {}),
        ...(typeof options['ui:widget'] === 'string' ? { widget: options['ui:widget'] } : {}),
        ...(options['ui:crm-showIf'] ? { showIf: options['ui:crm-showIf'] as RecordFormField['showIf'] } : {}),
      };
    });
  const layout = ui['ui:crm-layout'] as RecordFormLayout | undefined;
  const groups = layout?.groups.map((g) => ({ ...g, fields: g.fields.filter(visible) })).filter((g) => g.fields.length > 0);
  return { id: form.id, title: form.title, fields, ...(layout && groups?.length ? { layout: { kind: layout.kind, groups } } : {}) };
}

const PURPOSES: readonly RecordFormPurpose[] = ['create', 'edit'];

/** The entity's record forms by purpose for a user of `role` (their effective role; none: the workspace's plain form). */
export function recordFormsOf(forms: Record<string, CompiledForm> | undefined, entity: string, visible: (field: string) => boolean, role: string | null): Partial<Record<RecordFormPurpose, RecordFormMeta>> {
  const own = Object.values(forms ?? {}).filter((f) => f.record.entity === entity);
  const out: Partial<Record<RecordFormPurpose, RecordFormMeta>> = {};
  for (const purpose of PURPOSES) {
    const form = documentForRole(own.filter((f) => f.record.purposes?.includes(purpose)), role, (f) => f.record.roles, (f) => f.record.roles === undefined);
    if (form) out[purpose] = describeRecordForm(form, visible);
  }
  return out;
}
