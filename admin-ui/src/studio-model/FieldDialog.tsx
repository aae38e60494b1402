/**
 * Add or edit one field: a modal <dialog> (focus stays inside, Escape closes). What the browser can
 * tell (name pattern, a name already used, missing labels, enum values) is shown at the input
 * before anything is saved; the server validates the saved document again.
 */
import { cloneElement, useEffect, useRef, useState, type FormEvent, type ReactElement } from 'react';
import { tryDraftEntity, type EntityDoc } from '../api/studioModel.js';
import { useProblemMessage } from '../app/feedback.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';
import { COMPUTED_KINDS, FIELD_KINDS, formOf, formProblems, NAME_PATTERN, NORMALISERS, withField, type ComputedKind, type FieldForm, type FieldKind } from './fieldModel.js';

interface Props {
  doc: EntityDoc;
  /** The field edited, or null to add one. */
  previous: string | null;
  entities: string[];
  onSave(doc: EntityDoc): Promise<void>;
  onClose(): void;
}

const LENGTH_KINDS: FieldKind[] = ['text', 'email', 'phone', 'url'];

export function FieldDialog({ doc, previous, entities, onSave, onClose }: Props) {
  const { t } = useI18n();
  const problemMessage = useProblemMessage();
  const ref = useRef<HTMLDialogElement>(null);
  const [form, setForm] = useState<FieldForm>(() => formOf(doc, previous));
  const [shown, setShown] = useState<ReturnType<typeof formProblems>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  // After a refused save, the problems follow the inputs as they are corrected.
  useEffect(() => setShown((was) => (Object.keys(was).length ? formProblems(form, doc, previous) : was)), [form, doc, previous]);
  const set = <K extends keyof FieldForm>(key: K, value: FieldForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems = formProblems(form, doc, previous);
    setShown(problems);
    const first = Object.keys(problems)[0];
    if (first) {
      ref.current?.querySelector<HTMLElement>(`[data-input="${first}"]`)?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSave(withField(doc, previous, form));
      onClose();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const problem = (key: keyof typeof shown) => {
    const p = shown[key];
    return p ? t(`studioModel.problem.${p}` as StudioKey, { name: form.name }) : undefined;
  };
  const title = previous ? t('studioModel.editField', { field: previous }) : t('studioModel.addField');
  return (
    <dialog ref={ref} className="sm-dialog" aria-labelledby="sm-field-dialog-title" onClose={onClose} onCancel={onClose}>
      <form onSubmit={submit} noValidate>
        <h2 id="sm-field-dialog-title">{title}</h2>
        {error !== null && (
          <div className="banner banner-error" role="alert">
            {problemMessage(error)}
          </div>
        )}
        <div className="form-grid">
          <Input id="name" label={t('studioModel.field.name')} problem={problem('name')} hint={t('studioModel.field.nameHint')}>
            <input value={form.name} onChange={(e) => set('name', e.target.value.trim())} autoFocus className="mono" />
          </Input>
          <Input id="kind" label={t('studioModel.field.kind')}>
            <select value={form.kind} onChange={(e) => set('kind', e.target.value as FieldKind)}>
              {FIELD_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`studioModel.kind.${k}` as StudioKey)}
                </option>
              ))}
            </select>
          </Input>
          <Input id="labelZh" label={t('studioModel.field.labelZh')} problem={problem('labelZh')}>
            <input value={form.label['zh-CN']} onChange={(e) => set('label', { ...form.label, 'zh-CN': e.target.value })} lang="zh-CN" />
          </Input>
          <Input id="labelEn" label={t('studioModel.field.labelEn')} problem={problem('labelEn')}>
            <input value={form.label.en} onChange={(e) => set('label', { ...form.label, en: e.target.value })} lang="en" />
          </Input>
          {LENGTH_KINDS.includes(form.kind) && (
            <Input id="maxLength" label={t('studioModel.field.maxLength')} problem={problem('maxLength')}>
              <input value={form.maxLength} inputMode="numeric" onChange={(e) => set('maxLength', e.target.value)} />
            </Input>
          )}
          {form.kind === 'computed' && (
            <Input id="computedKind" label={t('studioModel.field.computedKind')}>
              <select value={form.computedKind} onChange={(e) => set('computedKind', e.target.value as ComputedKind)}>
                {COMPUTED_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`studioModel.kind.${k}` as StudioKey)}
                  </option>
                ))}
              </select>
            </Input>
          )}
          {form.kind === 'lookup' && (
            <>
              <Input id="lookup" label={t('studioModel.field.lookupEntity')} problem={problem('lookup')}>
                <select value={form.lookupEntity} onChange={(e) => set('lookupEntity', e.target.value)}>
                  <option value="">—</option>
                  {entities.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
                </select>
              </Input>
              <Input id="onDelete" label={t('studioModel.field.onDelete')}>
                <select value={form.onDelete || 'restrict'} onChange={(e) => set('onDelete', e.target.value as FieldForm['onDelete'])}>
                  <option value="restrict">{t('studioModel.onDelete.restrict')}</option>
                  <option value="set-null">{t('studioModel.onDelete.set-null')}</option>
                </select>
              </Input>
            </>
          )}
          <Input id="duplicate" label={t('studioModel.field.duplicateRule')}>
            <select value={form.duplicate} onChange={(e) => set('duplicate', e.target.value)}>
              <option value="">{t('studioModel.duplicate.none')}</option>
              {NORMALISERS.map((n) => (
                <option key={n} value={n}>
                  {t(`studioModel.normalise.${n}` as StudioKey)}
                </option>
              ))}
            </select>
          </Input>
        </div>
        {form.kind === 'enum' && <EnumValues form={form} set={set} problem={problem('enum')} />}
        {form.kind === 'computed' && <Expression doc={doc} previous={previous} form={form} set={set} problem={problem('expression')} />}
        <fieldset className="sm-checks">
          <legend>{t('studioModel.field.rules')}</legend>
          {form.kind === 'attachment' && (
            <label>
              <input type="checkbox" checked={form.multiple} onChange={(e) => set('multiple', e.target.checked)} /> {t('studioModel.field.multiple')}
            </label>
          )}
          {(form.kind === 'computed' ? (['unique'] as const) : (['required', 'unique', 'readonly'] as const)).map((k) => (
            <label key={k}>
              <input type="checkbox" checked={form[k]} onChange={(e) => set(k, e.target.checked)} /> {t(`studioModel.field.${k}` as StudioKey)}
            </label>
          ))}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('studioModel.saveField')}
          </button>
          <button type="button" className="btn" onClick={onClose}>
            {t('studioModel.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** A labelled input with its problem (aria-invalid, described by the message). */
function Input({ id, label, problem, hint, children }: { id: string; label: string; problem?: string; hint?: string; children: ReactElement<Record<string, unknown>> }) {
  const inputId = `sm-f-${id}`;
  const described = [problem && `${inputId}-problem`, hint && `${inputId}-hint`].filter(Boolean).join(' ') || undefined;
  const control = cloneElement(children, { id: inputId, 'data-input': id, 'aria-invalid': problem ? true : undefined, 'aria-describedby': described });
  return (
    <div className={`field${problem ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={inputId}>
        {label}
      </label>
      {control}
      {hint && (
        <small id={`${inputId}-hint`} className="muted">
          {hint}
        </small>
      )}
      {problem && (
        <ul className="field-errors" id={`${inputId}-problem`}>
          <li>{problem}</li>
        </ul>
      )}
    </div>
  );
}

function EnumValues({ form, set, problem }: { form: FieldForm; set<K extends keyof FieldForm>(k: K, v: FieldForm[K]): void; problem?: string }) {
  const { t } = useI18n();
  const update = (i: number, patch: Partial<{ value: string; zh: string; en: string }>) =>
    set(
      'enumValues',
      form.enumValues.map((v, n) =>
        n === i ? { value: patch.value ?? v.value, label: { 'zh-CN': patch.zh ?? v.label['zh-CN'], en: patch.en ?? v.label.en } } : v,
      ),
    );
  return (
    <fieldset className={`sm-enum${problem ? ' field-invalid' : ''}`} aria-describedby={problem ? 'sm-enum-problem' : undefined}>
      <legend>{t('studioModel.field.enumValues')}</legend>
      {form.enumValues.map((v, i) => (
        <div key={i} className="sm-enum-row">
          <input aria-label={t('studioModel.enum.value', { n: i + 1 })} value={v.value} className="mono" data-input={i === 0 ? 'enum' : undefined} onChange={(e) => update(i, { value: e.target.value.trim() })} />
          <input aria-label={t('studioModel.enum.labelZh', { n: i + 1 })} value={v.label['zh-CN']} lang="zh-CN" onChange={(e) => update(i, { zh: e.target.value })} />
          <input aria-label={t('studioModel.enum.labelEn', { n: i + 1 })} value={v.label.en} lang="en" onChange={(e) => update(i, { en: e.target.value })} />
          <button type="button" className="btn btn-small" aria-label={t('studioModel.enum.remove', { n: i + 1 })} onClick={() => set('enumValues', form.enumValues.filter((_, n) => n !== i))}>
            {t('studioModel.remove')}
          </button>
        </div>
      ))}
      <button type="button" className="btn btn-small" data-input={form.enumValues.length ? undefined : 'enum'} onClick={() => set('enumValues', [...form.enumValues, { value: '', label: { 'zh-CN': '', en: '' } }])}>
        {t('studioModel.enum.add')}
      </button>
      {problem && (
        <ul className="field-errors" id="sm-enum-problem">
          <li>{problem}</li>
        </ul>
      )}
    </fieldset>
  );
}

/**
 * A computed field's FEEL expression, checked by the server as it is typed (the draft is not
 * changed): its problems, or that it is valid, are announced under the input.
 */
function Expression({ doc, previous, form, set, problem }: { doc: EntityDoc; previous: string | null; form: FieldForm; set<K extends keyof FieldForm>(k: K, v: FieldForm[K]): void; problem?: string }) {
  const { t, locale } = useI18n();
  const problemMessage = useProblemMessage();
  const [check, setCheck] = useState<{ state: 'idle' | 'checking' | 'done'; problems: string[] }>({ state: 'idle', problems: [] });
  const expression = form.expression.trim();
  const name = form.name;
  useEffect(() => {
    if (!expression || !NAME_PATTERN.test(name)) {
      setCheck({ state: 'idle', problems: [] });
      return;
    }
    let live = true;
    setCheck((c) => ({ ...c, state: 'checking' }));
    const timer = setTimeout(() => {
      const at = `/properties/${name}/x-crm-computed`;
      tryDraftEntity(withField(doc, previous, form))
        .then((r) => live && setCheck({ state: 'done', problems: r.issues.filter((i) => i.path === at).map((i) => i.message) }))
        .catch((err: unknown) => live && setCheck({ state: 'done', problems: [problemMessage(err)] }));
    }, 400);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The check follows what decides the expression's meaning: its text, the field's name and value type (and the UI's language, which the server words problems in).
  }, [expression, name, form.computedKind, doc, previous, locale, problemMessage]);
  const problems = problem ? [problem] : check.problems;
  return (
    <div className={`field sm-expression${problems.length ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor="sm-f-expression">
        {t('studioModel.field.expression')}
      </label>
      <textarea
        id="sm-f-expression"
        data-input="expression"
        className="mono"
        rows={3}
        value={form.expression}
        onChange={(e) => set('expression', e.target.value)}
        aria-invalid={problems.length ? true : undefined}
        aria-describedby="sm-f-expression-hint sm-f-expression-check"
      />
      <small id="sm-f-expression-hint" className="muted">
        {t('studioModel.field.expressionHint')}
      </small>
      <div id="sm-f-expression-check" aria-live="polite">
        {problems.length > 0 ? (
          <ul className="field-errors">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        ) : check.state === 'checking' ? (
          <small className="muted">{t('studioModel.expression.checking')}</small>
        ) : check.state === 'done' ? (
          <small className="sm-expression-ok">{t('studioModel.expression.valid')}</small>
        ) : null}
      </div>
    </div>
  );
}
