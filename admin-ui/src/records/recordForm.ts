/**
 * Which fields a create/edit form shows: the entity's record form for the page (docs/studio.md,
 * "Record forms") — its fields in its order, each shown unless its condition hides it — else every
 * editable field. A field hidden by its condition is not sent: the server (the entity) decides the
 * rest, as without a record form.
 */
import type { EntityMeta, FieldMeta, RecordFormField, RecordFormMeta } from '../api/index.js';
import { editableFields } from './fields.js';
import type { FormValues, InputValue } from './formValues.js';

const filled = (v: InputValue | undefined) => v !== undefined && v !== '' && v !== false;

/** The fields the form holds: the record form's editable ones in its order, else every editable field. */
export function formFields(entity: EntityMeta, form: RecordFormMeta | undefined): FieldMeta[] {
  const editable = editableFields(entity);
  if (!form) return editable;
  const byName = new Map(editable.map((f) => [f.name, f]));
  return form.fields.flatMap((f) => byName.get(f.name) ?? []);
}

/** The server's rule for task forms (forms/data.ts `isShown`), over inputs: shown when the field it depends on is filled (with one of `values`). */
export function isFieldShown(option: RecordFormField | undefined, values: FormValues): boolean {
  const cond = option?.showIf;
  if (!cond) return true;
  const v = values[cond.field];
  if (!cond.values) return filled(v);
  return cond.values.some((w) => w === v || String(w) === String(v));
}

/** The fields shown for these inputs (the ones a save sends). */
export function shownFields(entity: EntityMeta, form: RecordFormMeta | undefined, values: FormValues): FieldMeta[] {
  const options = new Map(form?.fields.map((f) => [f.name, f]));
  return formFields(entity, form).filter((f) => isFieldShown(options.get(f.name), values));
}
