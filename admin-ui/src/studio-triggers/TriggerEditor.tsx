/**
 * One trigger of the draft: its record (entity), the events, a condition (rows of field, comparison,
 * value — the administration's ConditionEditor), the action (a deployed process to start, or a
 * message to correlate), the process variables and whether it is enabled. Every change is checked
 * on the server as being edited (debounced, nothing saved), and each problem shows at the control
 * it concerns: `/entity`, `/on`, `/condition/and/<i>/field`, `/action/processKey`,
 * `/action/messageName`, `/action/variables/<name>`. Save writes the draft; publishing is the
 * draft's (PUBLISH_PATH).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { ProblemList } from '../app/ProblemList.js';
import { isApiError, listEntities, type EntityMeta, type FieldMeta } from '../api/index.js';
import { studioProcesses, type StudioProcess } from '../api/studioProcess.js';
import { checkTrigger, deleteTrigger, getTrigger, listTriggers, saveTrigger, type TriggerDoc, type TriggerEvent, type TriggerIssue } from '../api/studioTriggers.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { Link, navigate } from '../app/router.js';
import { ConditionEditor, conditionDraft, conditionJson, type ConditionDraft } from '../studio-admin/ConditionEditor.js';
import { FieldMessages } from '../studio-admin/errors.js';
import { conditionFields, issueErrors } from './issues.js';
import { useTriggersI18n, type TriggersKey } from './messages.js';
import { PUBLISH_PATH, triggerPath } from './paths.js';
import { rowProblems, rowsOf, variablesOf, VariablesEditor, type VariableRow } from './VariablesEditor.js';

const EVENTS: TriggerEvent[] = ['create', 'update', 'delete'];

const newDocument = (name: string): TriggerDoc => ({ 'x-crm-trigger': name, entity: '', on: ['update'], action: { type: 'start-process', processKey: '' }, enabled: true, fires: 'on-becoming-true' });

/** A single criterion `{field, op, value}` as the one row of `{and: [...]}`, so the condition rows can show it. */
const asAnd = (condition: unknown): unknown => (condition && typeof condition === 'object' && 'field' in condition ? { and: [condition] } : condition);

/** The entity as the condition rows see it, with any field the condition names that the entity lacks (shown as unknown, marked by the server). */
function withUnknownFields(entity: EntityMeta, condition: unknown, unknown: (field: string) => string): EntityMeta {
  const missing = [...new Set(conditionFields(condition))].filter((f) => !entity.fields.some((x) => x.name === f));
  const extra: FieldMeta[] = missing.map((name) => ({ name, kind: 'text', label: { 'zh-CN': unknown(name), en: unknown(name) }, required: false }));
  return extra.length ? { ...entity, fields: [...entity.fields, ...extra] } : entity;
}

interface Loaded {
  revision: number;
  doc: TriggerDoc;
  issues: TriggerIssue[];
}

export function TriggerEditor({ name, isNew }: { name: string; isNew: boolean }) {
  const { t, label } = useTriggersI18n();
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [entities, setEntities] = useState<EntityMeta[]>([]);
  const [processes, setProcesses] = useState<StudioProcess[]>([]);
  const [reload, setReload] = useState(0);
  useEffect(() => {
    const c = new AbortController();
    setLoadError(null);
    Promise.all([
      getTrigger(name, c.signal).catch((e: unknown) => {
        if (isNew && isApiError(e) && e.status === 404) return listTriggers(c.signal).then((l) => ({ revision: l.revision, document: newDocument(name), issues: [] }));
        throw e;
      }),
      listEntities(),
      studioProcesses(c.signal),
    ]).then(([trigger, ents, procs]) => {
      setLoaded({ revision: trigger.revision, doc: { ...trigger.document, condition: asAnd(trigger.document.condition) }, issues: trigger.issues });
      setEntities(ents);
      setProcesses(procs.items);
    }, (e) => !c.signal.aborted && setLoadError(e));
    return () => c.abort();
  }, [name, isNew, reload]);
  if (loadError) return <ErrorBanner error={loadError} />;
  if (!loaded) return <Loading />;
  return <Editor key={reload} name={name} isNew={isNew} loaded={loaded} entities={entities} processes={processes} onReload={() => setReload((n) => n + 1)} t={t} label={label} />;
}

type I18n = ReturnType<typeof useTriggersI18n>;

function Editor({ name, isNew, loaded, entities, processes, onReload, t, label }: { name: string; isNew: boolean; loaded: Loaded; entities: EntityMeta[]; processes: StudioProcess[]; onReload(): void; t: I18n['t']; label: I18n['label'] }) {
  const { locale } = useTriggersI18n();
  const say = useSay(t);
  const [doc, setDoc] = useState<TriggerDoc>(loaded.doc);
  const [revision, setRevision] = useState(loaded.revision);
  const [saved, setSaved] = useState(!isNew);
  const [rows, setRows] = useState<VariableRow[]>(() => rowsOf(loaded.doc.action.variables));
  const [issues, setIssues] = useState<TriggerIssue[]>(loaded.issues);
  const [status, setStatus] = useState<{ text: Message<TriggersKey>; bad?: boolean; conflict?: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [showLocal, setShowLocal] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const focusNext = useRef(false);

  const entity = entities.find((e) => e.name === doc.entity);
  const unknown = (field: string) => t('studioTriggers.unknownField', { field });
  const [cond, setCond] = useState<ConditionDraft | null>(() => (entity ? conditionDraft(withUnknownFields(entity, loaded.doc.condition, unknown), loaded.doc.condition) : null));
  // Every field the rows name has an option, the entity's or an unknown one.
  const condEntity = entity && cond ? withUnknownFields(entity, [...cond.base, ...cond.rows], unknown) : undefined;

  /** The document as edited: the form's state with the condition rows and the variables written back. */
  const current = useMemo((): TriggerDoc => {
    const condition = cond && condEntity ? conditionJson(condEntity, cond) : doc.condition;
    const empty = condition === undefined || (typeof condition === 'object' && condition !== null && Array.isArray((condition as { and?: unknown[] }).and) && (condition as { and: unknown[] }).and.length === 0);
    const { condition: _old, ...rest } = doc;
    const variables = variablesOf(rows);
    const { variables: _v, processKey, messageName, ...action } = doc.action;
    return {
      ...rest,
      ...(empty ? {} : { condition }),
      action: { ...action, ...(action.type === 'start-process' ? { processKey: processKey ?? '' } : { messageName: messageName ?? '' }), ...(variables ? { variables } : {}) },
    };
  }, [doc, cond, rows]);

  // The live check: the document as edited, debounced; nothing is saved.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const c = new AbortController();
    const timer = setTimeout(() => checkTrigger(name, current, c.signal).then((r) => setIssues(r.issues), () => undefined), 300);
    return () => (clearTimeout(timer), c.abort());
    // Checked again in a new language: the server words the problems in the UI's language.
  }, [name, current, locale]);

  const local = rowProblems(rows, t);
  const errors = issueErrors([...issues, ...(showLocal ? local : [])]);
  // After a save with problems, the first control marked invalid takes focus.
  useEffect(() => {
    if (!focusNext.current) return;
    focusNext.current = false;
    form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });

  const change = (patch: Partial<TriggerDoc>) => {
    setDoc((d) => ({ ...d, ...patch }));
    setStatus(null);
  };
  const setEntity = (next: string) => {
    change({ entity: next });
    const e = entities.find((x) => x.name === next);
    // The rows stay: a field the new entity lacks is shown as unknown, and the check says so.
    setCond(e ? conditionDraft(withUnknownFields(e, current.condition, unknown), current.condition) : null);
  };
  const setAction = (patch: Partial<TriggerDoc['action']>) => change({ action: { ...doc.action, ...patch } });

  const save = async () => {
    setShowLocal(true);
    if (local.length) {
      focusNext.current = true;
      return;
    }
    setBusy(true);
    try {
      const r = await saveTrigger(name, revision, current);
      setRevision(r.revision);
      setIssues(r.issues);
      setSaved(true);
      setStatus(r.issues.length ? { text: msg('studioTriggers.savedWithIssues', { count: r.issues.length }), bad: true } : { text: msg('studioTriggers.saved', { revision: r.revision }) });
      focusNext.current = r.issues.length > 0;
      if (isNew) navigate(triggerPath(name), { replace: true });
    } catch (e) {
      setStatus(isApiError(e) && e.status === 409 ? { text: msg('studioTriggers.conflict'), bad: true, conflict: true } : { text: failed(e), bad: true });
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await deleteTrigger(name, revision);
      navigate('/studio/triggers');
    } catch (e) {
      setStatus(isApiError(e) && e.status === 409 ? { text: msg('studioTriggers.conflict'), bad: true, conflict: true } : { text: failed(e), bad: true });
      setBusy(false);
    }
  };

  const processKnown = processes.some((p) => p.key === doc.action.processKey);
  return (
    <div className="studio-triggers">
      <p>
        <Link to="/studio/triggers">{t('studioTriggers.back')}</Link>
      </p>
      <h1 tabIndex={-1}>{t('studioTriggers.editor.title', { name })}</h1>
      {!saved ? <p className="muted">{t('studioTriggers.editor.new')}</p> : null}
      {issues.length > 0 ? (
        <div className="banner banner-error" role="status" aria-label={t('studioTriggers.issues')}>
          <ProblemList className="trg-issues" issues={issues} />
        </div>
      ) : null}
      <form ref={form} className="trg-form" onSubmit={(e) => (e.preventDefault(), void save())} noValidate>
        <div className="trg-row">
          <label htmlFor="trg-description">{t('studioTriggers.description')}</label>
          <textarea id="trg-description" rows={2} value={doc.description ?? ''} onChange={(e) => change({ description: e.target.value || undefined })} />
        </div>
        <div className="trg-row">
          <label htmlFor="trg-entity">{t('studioTriggers.entity')}</label>
          <select id="trg-entity" value={doc.entity} {...errors.control('/entity')} onChange={(e) => setEntity(e.target.value)}>
            <option value="">{t('studioTriggers.chooseEntity')}</option>
            {!entity && doc.entity ? <option value={doc.entity}>{doc.entity}</option> : null}
            {[...entities]
              .sort((a, b) => label(a.label, a.name).localeCompare(label(b.label, b.name)))
              .map((e) => (
                <option key={e.name} value={e.name}>
                  {label(e.label, e.name)}
                </option>
              ))}
          </select>
          <FieldMessages errors={errors} path="/entity" />
        </div>
        <fieldset className="trg-box" {...errors.control('/on', true)}>
          <legend>{t('studioTriggers.events')}</legend>
          {EVENTS.map((ev) => (
            <label key={ev} className="trg-check">
              <input type="checkbox" checked={doc.on.includes(ev)} onChange={(e) => change({ on: e.target.checked ? EVENTS.filter((x) => x === ev || doc.on.includes(x)) : doc.on.filter((x) => x !== ev) })} />
              {t(`studioTriggers.event.${ev}`)}
            </label>
          ))}
          <FieldMessages errors={errors} path="/on" below />
        </fieldset>
        {condEntity && cond ? (
          <div className="trg-condition">
            <p className="muted">{t('studioTriggers.conditionHint')}</p>
            <ConditionEditor entity={condEntity} draft={cond} onChange={setCond} errors={errors} path="/condition" idPrefix="trg-cond" />
          </div>
        ) : null}
        <fieldset className="trg-box">
          <legend>{t('studioTriggers.fires')}</legend>
          {(['on-becoming-true', 'every-time'] as const).map((fires) => (
            <label key={fires} className="trg-check">
              <input type="radio" name="trg-fires" value={fires} checked={(doc.fires ?? 'every-time') === fires} onChange={() => change({ fires })} />
              {t(`studioTriggers.fires.${fires}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="trg-box">
          <legend>{t('studioTriggers.actionType')}</legend>
          {(['start-process', 'correlate-message'] as const).map((type) => (
            <label key={type} className="trg-check">
              <input type="radio" name="trg-action-type" value={type} checked={doc.action.type === type} onChange={() => setAction({ type })} />
              {t(`studioTriggers.actionType.${type}`)}
            </label>
          ))}
          {doc.action.type === 'start-process' ? (
            <div className="trg-row">
              <label htmlFor="trg-process">{t('studioTriggers.process')}</label>
              <select id="trg-process" value={doc.action.processKey ?? ''} {...errors.control('/action/processKey')} onChange={(e) => setAction({ processKey: e.target.value })}>
                <option value="">{t('studioTriggers.chooseProcess')}</option>
                {!processKnown && doc.action.processKey ? <option value={doc.action.processKey}>{t('studioTriggers.notDeployed', { key: doc.action.processKey })}</option> : null}
                {processes.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.name ? `${p.name} (${p.key})` : p.key}
                  </option>
                ))}
              </select>
              <FieldMessages errors={errors} path="/action/processKey" />
            </div>
          ) : (
            <div className="trg-row">
              <label htmlFor="trg-message">{t('studioTriggers.message')}</label>
              <input id="trg-message" value={doc.action.messageName ?? ''} {...errors.control('/action/messageName')} onChange={(e) => setAction({ messageName: e.target.value })} />
              <FieldMessages errors={errors} path="/action/messageName" />
            </div>
          )}
          <p className="muted">{t('studioTriggers.businessKey')}</p>
          <FieldMessages errors={errors} path="/action" />
        </fieldset>
        <VariablesEditor rows={rows} onChange={(r) => (setRows(r), setStatus(null))} entity={entity} entities={entities} errors={errors} />
        <div className="trg-row">
          <label className="trg-check">
            <input type="checkbox" checked={doc.enabled !== false} aria-describedby="trg-enabled-hint" onChange={(e) => change({ enabled: e.target.checked })} />
            {t('studioTriggers.enabled')}
          </label>
          <span id="trg-enabled-hint" className="muted">
            {t('studioTriggers.enabledHint')}
          </span>
        </div>
        <div className="trg-actions">
          <button type="submit" className="btn btn-primary" disabled={busy}>
            {t('studioTriggers.save')}
          </button>
          <Link to={PUBLISH_PATH}>{t('studioTriggers.publishLink')}</Link>
          {saved ? (
            confirmDelete ? (
              <>
                <button type="button" className="btn btn-danger" disabled={busy} onClick={() => void remove()} autoFocus>
                  {t('studioTriggers.deleteConfirm', { name })}
                </button>
                <button type="button" className="btn" onClick={() => setConfirmDelete(false)}>
                  {t('studioTriggers.cancel')}
                </button>
              </>
            ) : (
              <button type="button" className="btn" onClick={() => setConfirmDelete(true)}>
                {t('studioTriggers.delete')}
              </button>
            )
          ) : null}
        </div>
        <p className={status?.bad ? 'trg-status trg-bad' : 'trg-status'} role="status">
          {status && say(status.text)}
          {status?.conflict ? (
            <button type="button" className="btn btn-small" onClick={onReload}>
              {t('studioTriggers.reload')}
            </button>
          ) : null}
        </p>
      </form>
    </div>
  );
}
