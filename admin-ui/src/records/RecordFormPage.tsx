/**
 * Create and edit. The inputs are the entity's record form for the page when it has one (laid out in
 * sections or tabs, fields shown by condition — a hidden field is not sent), else every editable
 * field (RecordFormBody). The server decides: its field errors are shown beside the fields, a duplicate
 * answer lists the matches with "create anyway", a version conflict offers a reload — or to keep
 * one's changes and re-apply them on the latest version, saying what the other person changed.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { createRecord, getRecord, isApiError, recordFormOf, updateRecord, type CrmRecord, type DuplicateMatch, type EntityMeta, type FieldError } from '../api/index.js';
import { ErrorBanner, Loading, useFieldErrorText, useProblemMessage } from '../app/feedback.js';
import { useValueErrorText } from '../task-forms/valueMessages.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { Link, navigate, recordsPath } from '../app/router.js';
import { useI18n, type I18n } from '../i18n/index.js';
import { DuplicateNotice } from './DuplicateNotice.js';
import { displayValue, editableFields, lookupFieldNames, relatedId } from './fields.js';
import { type KnownLookup } from './FieldInput.js';
import { errorsByField, toFormValues, toPayload, type FormValues, type InputValue } from './formValues.js';
import { RecordFormBody } from './RecordFormBody.js';
import { shownFields } from './recordForm.js';

export function RecordFormPage({ entityName, id }: { entityName: string; id?: string }) {
  const { entity } = useMetadata();
  const { t } = useI18n();
  const meta = entity(entityName);
  if (!meta) return <p className="muted">{t('app.notFound')}</p>;
  return id ? <EditForm entity={meta} id={id} /> : <RecordForm entity={meta} />;
}

/** Loads the record (lookups expanded, for their names) and hands it to the form. */
function EditForm({ entity, id }: { entity: EntityMeta; id: string }) {
  const [record, setRecord] = useState<CrmRecord | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [carried, setCarried] = useState<Carried | undefined>(undefined);
  // Keyed by names, not by the metadata object: a metadata refresh hands over a new but equal
  // entity, and reloading then would silently replace the record being edited (and its version).
  const expand = lookupFieldNames(entity).join(',');
  const load = useCallback(() => {
    setError(null);
    setCarried(undefined);
    getRecord(entity.name, id, { expand: expand ? expand.split(',') : [] }).then(setRecord, setError);
  }, [entity.name, id, expand]);
  useEffect(load, [load]);
  /** The latest version, with the person's changed inputs laid over it. */
  const keepMine = useCallback(
    (mine: FormValues, base: CrmRecord) => {
      setError(null);
      getRecord(entity.name, id, { expand: expand ? expand.split(',') : [] }).then((fresh) => {
        const fields = editableFields(entity);
        const before = toFormValues(fields, base);
        const after = toFormValues(fields, fresh);
        const theirs = fields.filter((f) => before[f.name] !== after[f.name]).map((f) => f.name);
        setCarried({ values: mine, theirs, overlap: theirs.filter((n) => n in mine) });
        setRecord(fresh);
      }, setError);
    },
    [entity, id, expand],
  );
  if (error !== null) return <ErrorBanner error={error} onRetry={load} />;
  if (!record) return <Loading />;
  // keyed by version: a reload after a conflict starts the form afresh
  return <RecordForm key={record.version} entity={entity} record={record} onReload={load} onKeepMine={keepMine} carried={carried} />;
}

/** Inputs re-applied after a conflict: the person's changes, and what the other person changed. */
interface Carried {
  values: FormValues;
  theirs: string[];
  overlap: string[];
}

interface Outcome {
  fieldErrors: Record<string, string[]>;
  messages: string[];
  duplicates?: DuplicateMatch[];
  conflict?: boolean;
}
const NO_OUTCOME: Outcome = { fieldErrors: {}, messages: [] };

function RecordForm(props: { entity: EntityMeta; record?: CrmRecord; onReload?(): void; onKeepMine?(mine: FormValues, base: CrmRecord): void; carried?: Carried }) {
  const { entity, record, onReload, onKeepMine, carried } = props;
  const { t, label } = useI18n();
  const metadata = useMetadata();
  const fields = useMemo(() => editableFields(entity), [entity]);
  const initial = useMemo(() => toFormValues(fields, record), [fields, record]);
  const [values, setValues] = useState<FormValues>(() => ({ ...initial, ...carried?.values }));
  const fieldLabels = (names: string[]) => names.map((n) => label(fields.find((f) => f.name === n)?.label, n)).join(', ');
  const mine = (): FormValues => Object.fromEntries(fields.filter((f) => values[f.name] !== initial[f.name]).map((f) => [f.name, values[f.name]!]));
  const [outcome, setOutcome] = useState<Outcome>(NO_OUTCOME);
  const codedError = useFieldErrorText();
  const valueError = useValueErrorText();
  const fieldError = (x: FieldError) => valueError(x) ?? codedError(x);
  const problem = useProblemMessage();
  const [busy, setBusy] = useState(false);
  const creating = !record;
  const form = recordFormOf(entity, creating ? 'create' : 'edit');
  const entityLabel = label(entity.label, entity.name);
  const cancelTo = record ? recordsPath(entity.name, record.id) : recordsPath(entity.name);

  const known = (name: string): KnownLookup | undefined => {
    const value = record?.[name];
    const id = relatedId(value);
    if (!id || typeof value !== 'object') return undefined;
    const related = fields.find((f) => f.name === name)?.lookup?.entity;
    return { id, name: displayValue(related ? metadata.entity(related) : undefined, value as CrmRecord) };
  };

  const submit = async (allowDuplicates: boolean) => {
    // Only the fields shown: a field off the form or hidden by its condition is not sent.
    const shown = shownFields(entity, form, values);
    const { body, errors } = toPayload(shown, values, record ? initial : undefined);
    if (Object.keys(errors).length) {
      const fieldErrors = Object.fromEntries(Object.entries(errors).map(([name, key]) => [name, [t(key)]]));
      setOutcome({ fieldErrors, messages: [t('form.fixErrors')] });
      return;
    }
    if (record && Object.keys(body).length === 0) {
      setOutcome({ fieldErrors: {}, messages: [t('form.noChanges')] });
      return;
    }
    setBusy(true);
    setOutcome(NO_OUTCOME);
    try {
      const saved = record
        ? await updateRecord(entity.name, record.id, { ...body, version: record.version }, allowDuplicates)
        : await createRecord(entity.name, body, allowDuplicates);
      navigate(recordsPath(entity.name, saved.id), { replace: !creating });
    } catch (e) {
      setOutcome(
        outcomeOf(
          e,
          shown.map((f) => f.name),
          t,
          { fieldError, problem },
        ),
      );
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(false);
  };
  const setValue = (name: string, value: InputValue) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <section className="record-form">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            {creating ? t('form.createTitle', { entity: entityLabel }) : t('form.editTitle', { entity: entityLabel })}
          </p>
          <h1>{record ? displayValue(entity, record) : t('form.createTitle', { entity: entityLabel })}</h1>
        </div>
      </div>
      {outcome.conflict && record && (
        <div className="banner banner-warn conflict-dialog" role="alertdialog" aria-labelledby="conflict-title" aria-describedby="conflict-text">
          <strong id="conflict-title">{t('records.conflict.title')}</strong>
          <span id="conflict-text">{t('form.conflict')}</span>
          <span className="actions">
            <button type="button" className="btn btn-small" onClick={onReload}>
              {t('form.reload')}
            </button>
            <button type="button" className="btn btn-small btn-primary" autoFocus onClick={() => onKeepMine?.(mine(), record)}>
              {t('records.conflict.keepMine')}
            </button>
          </span>
        </div>
      )}
      {carried && record && !outcome.conflict && (
        <div className="banner banner-info" role="status" data-testid="conflict-reapplied">
          <ul className="plain">
            <li>{t('records.conflict.reapplied', { version: record.version })}</li>
            {carried.theirs.length > 0 && <li>{t('records.conflict.theirs', { fields: fieldLabels(carried.theirs) })}</li>}
            {carried.overlap.length > 0 && <li>{t('records.conflict.overlap', { fields: fieldLabels(carried.overlap) })}</li>}
          </ul>
        </div>
      )}
      {outcome.duplicates && (
        <DuplicateNotice
          entity={entity}
          duplicates={outcome.duplicates}
          creating={creating}
          busy={busy}
          onSaveAnyway={() => void submit(true)}
        />
      )}
      {outcome.messages.length > 0 && (
        <div className="banner banner-error" role="alert">
          <ul className="plain">
            {outcome.messages.map((m, i) => (
              <li key={i}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      <form className="form-grid" onSubmit={onSubmit} noValidate>
        <RecordFormBody
          entity={entity}
          form={form}
          values={values}
          errors={outcome.fieldErrors}
          onChange={setValue}
          more={(f) => ({
            known: f.kind === 'lookup' ? known(f.name) : undefined,
            savedValue: f.stateMachine && record ? String(initial[f.name] ?? '') || undefined : undefined,
            record: f.kind === 'attachment' && record ? { entity: entity.name, id: record.id } : null,
          })}
        />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {busy ? t('form.saving') : t('form.save')}
          </button>
          <Link to={cancelTo} className="btn">
            {t('form.cancel')}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** What a failed save means for the form. */
function outcomeOf(e: unknown, fieldNames: string[], t: I18n['t'], say: { fieldError(e: FieldError): string; problem(e: unknown): string }): Outcome {
  if (!isApiError(e)) return { fieldErrors: {}, messages: [(e as Error).message] };
  const duplicates = e.problem.duplicates;
  if (e.code === 'duplicate' || (e.status === 409 && Array.isArray(duplicates))) {
    return { fieldErrors: {}, messages: [], duplicates: Array.isArray(duplicates) ? (duplicates as DuplicateMatch[]) : [] };
  }
  if (e.code === 'version-conflict') return { fieldErrors: {}, messages: [], conflict: true };
  // Coded errors (required, transition-not-allowed, field-forbidden…) in the user's language at their fields; others in the server's words.
  const errors = e.errors.map((x) => ({ ...x, message: e.code === 'field-forbidden' && !x.code ? t('problem.fieldNotEditable') : say.fieldError(x) }));
  const { byField, other } = errorsByField(errors, fieldNames);
  const hasFieldErrors = Object.keys(byField).length > 0;
  const messages = hasFieldErrors ? [t('form.fixErrors'), ...other] : other.length ? other : [say.problem(e)];
  return { fieldErrors: byField, messages };
}
