/**
 * The task form's pickers as react-jsonschema-form widgets, chosen from the form schema's
 * annotations (forms/README.md, "Pickers"): `x-crm-lookup` → `crm:lookup` (a record of the entity),
 * `x-crm-user` → `crm:user` (a person, of the candidate group when given), `x-crm-attachment` →
 * `crm:attachment` (attachments of the task's record, passed as formContext.record). A uiSchema
 * may also name these widgets itself with the same `ui:options`.
 */
import type { RegistryWidgetsType, UiSchema, WidgetProps } from '@rjsf/utils';
import { AttachmentPicker } from '../pickers/AttachmentPicker.js';
import { LookupPicker } from '../pickers/LookupPicker.js';
import { UserPicker } from '../pickers/UserPicker.js';

export interface TaskFormContext {
  record: { entity: string; id: string } | null;
}

const one = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);
const common = (p: WidgetProps) => ({
  id: p.id,
  disabled: p.disabled || p.readonly,
  required: p.required,
  invalid: (p.rawErrors?.length ?? 0) > 0 || undefined,
});

export const TASK_WIDGETS: RegistryWidgetsType = {
  'crm:lookup': (p: WidgetProps) => <LookupPicker {...common(p)} entity={String(p.options.entity ?? '')} value={one(p.value)} onChange={(v) => p.onChange(v ?? undefined)} />,
  'crm:user': (p: WidgetProps) => (
    <UserPicker {...common(p)} group={typeof p.options.candidateGroup === 'string' ? p.options.candidateGroup : undefined} value={one(p.value)} onChange={(v) => p.onChange(v ?? undefined)} />
  ),
  'crm:attachment': (p: WidgetProps) => {
    const multiple = Array.isArray(p.value) || p.schema.type === 'array';
    const value = Array.isArray(p.value) ? p.value.filter((v): v is string => typeof v === 'string') : one(p.value) ? [p.value as string] : [];
    return (
      <AttachmentPicker
        id={p.id}
        label={p.label}
        record={(p.registry.formContext as TaskFormContext | undefined)?.record ?? null}
        multiple={multiple}
        value={value}
        disabled={p.disabled || p.readonly}
        onChange={(ids) => p.onChange(multiple ? ids : (ids[0] ?? undefined))}
      />
    );
  },
};

/** The widget and its options for a form field, from its schema's annotations (none: the field's own). */
export function pickerOf(prop: Record<string, unknown>): UiSchema | null {
  const lookup = prop['x-crm-lookup'] as { entity?: string } | undefined;
  if (lookup?.entity) return { 'ui:widget': 'crm:lookup', 'ui:options': { entity: lookup.entity } };
  const user = prop['x-crm-user'] as { candidateGroup?: string } | undefined;
  if (user) return { 'ui:widget': 'crm:user', 'ui:options': user.candidateGroup ? { candidateGroup: user.candidateGroup } : {} };
  if (prop['x-crm-attachment'] === true) return { 'ui:widget': 'crm:attachment' };
  return null;
}
