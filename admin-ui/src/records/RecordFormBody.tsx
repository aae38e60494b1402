/**
 * The inputs of a record's create/edit form — in the records workspace and in the form designer's
 * preview, so the preview is what employees see. With a record form: its fields in its sections or
 * tabs (1–3 columns, one on narrow screens), help texts, widgets, and fields shown only while their
 * condition holds; without one: every editable field, as before.
 */
import { lazy, Suspense } from 'react';
import type { EntityMeta, FieldMeta, RecordFormMeta } from '../api/index.js';
import { Loading } from '../app/feedback.js';
import { FieldInput, type FieldInputProps } from './FieldInput.js';
import type { FormValues, InputValue } from './formValues.js';
import { formFields, shownFields } from './recordForm.js';

// The layout (tabs, sections, columns) is the task forms' (task-forms/FormLayout): a lazy chunk, loaded only for an entity with a record form.
const LayoutGroups = lazy(() => import('../task-forms/FormLayout.js').then((m) => ({ default: m.LayoutGroups })));

export interface RecordFormBodyProps {
  entity: EntityMeta;
  form: RecordFormMeta | undefined;
  values: FormValues;
  errors: Record<string, string[]>;
  onChange(name: string, value: InputValue): void;
  /** More of a field's input props (a lookup's known record, a state machine's saved value). */
  more?(field: FieldMeta): Partial<FieldInputProps>;
}

export function RecordFormBody({ entity, form, values, errors, onChange, more }: RecordFormBodyProps) {
  const input = (f: FieldMeta) => {
    const option = form?.fields.find((o) => o.name === f.name);
    return <FieldInput key={f.name} field={f} value={values[f.name] ?? ''} errors={errors[f.name]} help={option?.help} widget={option?.widget} onChange={(v) => onChange(f.name, v)} {...more?.(f)} />;
  };
  if (!form) return <>{formFields(entity, form).map(input)}</>;
  const byName = new Map(formFields(entity, form).map((f) => [f.name, f]));
  return (
    <div className="record-form-layout">
      <Suspense fallback={<Loading />}>
        <LayoutGroups layout={form.layout} shown={shownFields(entity, form, values).map((f) => f.name)} render={(name) => input(byName.get(name)!)} invalid={(name) => Boolean(errors[name]?.length)} />
      </Suspense>
    </div>
  );
}
