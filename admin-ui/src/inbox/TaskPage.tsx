/**
 * The task page (/tasks/:id): the task's form (react-jsonschema-form from its formKey's JSON Schema
 * and uiSchema, validated in the browser with ajv and then by the server — whose problem+json
 * `errors` are shown at their fields), beside the related record with its attachments and the
 * process history so far. Claim, unclaim, delegate and the due / follow-up dates sit above the form.
 * Completing opens the next task of the same record when it is the user's, else the inbox; focus
 * goes to the new page's heading and a status message says what happened.
 */
import Form from '@rjsf/core';
import type { ErrorSchema, RJSFSchema, RJSFValidationError, ValidatorType } from '@rjsf/utils';
import { useEffect, useMemo, useRef, useState } from 'react';
import { isApiError, recordProcesses, type RecordProcess } from '../api/index.js';
import { processName, processPath } from '../api/process.js';
import { claimTask, completeTask, delegateTask, getTask, setTaskDates, taskPath, unclaimTask, type TaskDetail } from '../api/tasks.js';
import { ErrorBanner, Loading, useFieldErrorText, useProblemMessage } from '../app/feedback.js';
import { msg, useSay, type Message } from '../app/message.js';
import { Link, navigate, recordsPath } from '../app/router.js';
import { useCurrentUser } from '../app/session.js';
import type { MessageKey } from '../i18n/index.js';
import { useTaskI18n, type TaskKey } from './messages.js';
import { When } from '../records/ProcessesSection.js';
import { UserPicker } from '../pickers/UserPicker.js';
import { Attachments } from './Attachments.js';
import { DueState, instant } from './DueState.js';
import { setFlash, takeFlash } from './flash.js';
import { useValueErrorText } from '../task-forms/valueMessages.js';
import { formValidator } from './formValidator.js';
import { pickerOf, TASK_WIDGETS, type TaskFormContext } from './formWidgets.js';
import { CRM_FORM_TEMPLATES, localUiSchema, visibleData } from '../task-forms/FormLayout.js';
import './inbox.css';

/** The server's `errors` (`/data/reason`) as rjsf's error schema, at the fields. */
function serverErrors(errors: { path: string; message: string }[]): ErrorSchema {
  const schema: Record<string, { __errors: string[] }> = {};
  for (const e of errors) {
    const field = e.path.replace(/^\/data\/?/, '').split('/')[0] || '';
    const key = field === '' ? '__root' : field;
    (schema[key] ??= { __errors: [] }).__errors.push(e.message);
  }
  const { __root, ...fields } = schema;
  return { ...fields, ...(__root ? { __errors: __root.__errors } : {}) } as ErrorSchema;
}

export default function TaskPage({ id }: { id: string }) {
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    getTask(id, controller.signal).then(setTask, (e) => {
      if (!controller.signal.aborted) setError(e);
    });
    return () => controller.abort();
  }, [id, version]);

  if (error !== null && !task) return <ErrorBanner error={error} />;
  if (!task) return <Loading />;
  return <TaskView key={task.id} task={task} onChanged={() => setVersion((v) => v + 1)} />;
}

function TaskView({ task, onChanged }: { task: TaskDetail; onChanged(): void }) {
  const { t, label, locale } = useTaskI18n();
  const me = useCurrentUser();
  const heading = useRef<HTMLHeadingElement>(null);
  const say = useSay(t);
  const [status, setStatus] = useState<Message<TaskKey | MessageKey>>(() => takeFlash());
  const [error, setError] = useState<unknown>(null);
  const [extraErrors, setExtraErrors] = useState<ErrorSchema | undefined>();
  const fieldError = useFieldErrorText();
  const formError = useValueErrorText();
  const [formData, setFormData] = useState<Record<string, unknown>>(task.data);
  const [busy, setBusy] = useState(false);
  // The field to focus once the server's errors are shown (after the commit that re-enables the form).
  const [focusField, setFocusField] = useState<string | null>(null);
  useEffect(() => {
    if (focusField === null || busy) return;
    document.getElementById(`root_${focusField}`)?.focus();
    setFocusField(null);
  }, [focusField, busy, extraErrors]);
  const uiSchema = useMemo(() => (task.form ? localUiSchema(task.form, label, { 'ui:submitButtonOptions': { norender: true } }, pickerOf) : null), [task.form, label]);
  const formContext = useMemo<TaskFormContext>(() => ({ record: task.record ? { entity: task.record.entity, id: task.record.id } : null }), [task.record]);
  const [validator, setValidator] = useState<ValidatorType | null>(null);
  useEffect(() => {
    if (task.form) formValidator(task.form.id, task.form.schema as RJSFSchema, locale).then(setValidator, setError);
  }, [task.form, locale]);

  // A new task page: focus its heading, so keyboard and screen-reader users start here.
  useEffect(() => heading.current?.focus(), [task.id]);

  const act = async (fn: () => Promise<unknown>, message: Message<TaskKey | MessageKey>) => {
    setError(null);
    try {
      await fn();
      setStatus(message);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  const complete = async (data: Record<string, unknown>) => {
    setBusy(true);
    setError(null);
    setExtraErrors(undefined);
    try {
      const done = await completeTask(task.id, data);
      if (done.nextTaskId) {
        setFlash(msg('inbox.task.completedNext', { name: task.name ?? '' }));
        navigate(taskPath(done.nextTaskId));
      } else {
        setFlash(msg(done.resolved ? 'inbox.task.resolved' : 'inbox.task.completed', { name: task.name ?? '' }));
        navigate('/inbox');
      }
    } catch (e) {
      setBusy(false);
      if (isApiError(e) && e.errors.some((x) => x.path.startsWith('/data/'))) {
        setExtraErrors(serverErrors(e.errors.map((x) => ({ ...x, message: formError(x) ?? fieldError(x) }))));
        const first = e.errors.find((x) => x.path.startsWith('/data/'))!.path.slice('/data/'.length).split('/')[0];
        setStatus(msg('inbox.task.invalid'));
        setFocusField(first ?? null);
      } else setError(e);
    }
  };

  const mine = task.assignee === me.id;
  const name = task.name || task.taskDefinitionKey || task.id;
  return (
    <section className="task-page" aria-labelledby="task-title">
      <div className="page-head">
        <div>
          <p className="eyebrow">
            <Link to="/inbox">{t('inbox.title')}</Link>
          </p>
          <h1 id="task-title" ref={heading} tabIndex={-1}>
            {name}
          </h1>
          <p className="task-meta">
            <span>{processName(task)}</span>
            <DueState due={task.due} followUp={task.followUp} />
            <span data-testid="task-assignee">
              {task.assignee === null ? t('inbox.task.unassigned') : mine ? t('inbox.task.assignedToMe') : t('inbox.task.assignedToOther')}
            </span>
            {task.delegationState === 'PENDING' && <span className="chip">{t(task.owner === me.id ? 'inbox.delegatedByMe' : 'inbox.delegatedToMe')}</span>}
          </p>
        </div>
      </div>
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="task-status">
        {say(status)}
      </p>
      <div>
        {error !== null && <ErrorBanner error={error} />}
        <TaskActions task={task} onAct={act} />
        <div className="task-panel task-form">
          <h2>{task.form ? label(task.form.title, task.form.id) : t('inbox.task.noForm')}</h2>
          {task.form && uiSchema && !validator ? (
            <Loading />
          ) : task.form && uiSchema && validator ? (
            <Form
              schema={task.form.schema as RJSFSchema}
              uiSchema={uiSchema}
              templates={CRM_FORM_TEMPLATES}
              formData={formData}
              validator={validator}
              widgets={TASK_WIDGETS}
              formContext={formContext}
              noHtml5Validate
              focusOnFirstError
              showErrorList={false}
              extraErrors={extraErrors}
              transformErrors={(errors: RJSFValidationError[]) => errors.map((e) => (e.name === 'required' ? { ...e, message: t('inbox.form.required') } : e))}
              onChange={(e) => {
                // A field its condition hides loses its value, as the server would ignore it.
                setFormData(visibleData(task.form!.uiSchema, e.formData as Record<string, unknown>));
                if (extraErrors) setExtraErrors(undefined);
              }}
              onSubmit={(e) => void complete(visibleData(task.form!.uiSchema, e.formData as Record<string, unknown>))}
              disabled={busy}
            >
              <div className="form-actions">
                <button type="submit" className="btn btn-primary" disabled={busy}>
                  {t('inbox.task.complete')}
                </button>
              </div>
            </Form>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void complete({});
              }}
            >
              <button type="submit" className="btn btn-primary" disabled={busy}>
                {t('inbox.task.complete')}
              </button>
            </form>
          )}
        </div>
      </div>
      <aside aria-label={t('inbox.task.context')}>
        {task.record && (
          <div className="task-panel">
            <h2>{t('inbox.task.record')}</h2>
            <p>
              <Link to={recordsPath(task.record.entity, task.record.id)}>{task.record.display}</Link>
            </p>
            <Attachments entity={task.record.entity} id={task.record.id} />
          </div>
        )}
        <ProcessHistory task={task} />
      </aside>
    </section>
  );
}

/** Claim / unclaim, delegate and the dates — each as the server allows (it refuses with a message otherwise). */
function TaskActions({ task, onAct }: { task: TaskDetail; onAct(fn: () => Promise<unknown>, message: Message<TaskKey | MessageKey>): void }) {
  const { t } = useTaskI18n();
  const me = useCurrentUser();
  const [delegate, setDelegate] = useState<string | null>(null);
  const [due, setDue] = useState(task.due ? instant(task.due).toISOString().slice(0, 16) : '');
  const [followUp, setFollowUp] = useState(task.followUp ? instant(task.followUp).toISOString().slice(0, 16) : '');
  const mine = task.assignee === me.id;
  const notMe = useMemo(() => [me.id], [me.id]);
  const asInstant = (v: string) => (v ? new Date(v).toISOString() : null);
  return (
    <div className="task-actions">
      {task.assignee === null && (
        <button type="button" className="btn btn-primary" onClick={() => onAct(() => claimTask(task.id), msg('inbox.claimed'))}>
          {t('inbox.claim')}
        </button>
      )}
      {mine && task.delegationState !== 'PENDING' && (
        <button type="button" className="btn" onClick={() => onAct(() => unclaimTask(task.id), msg('inbox.unclaimed'))}>
          {t('inbox.unclaim')}
        </button>
      )}
      {mine && (
        <form
          className="task-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (delegate) onAct(() => delegateTask(task.id, delegate), msg('inbox.task.delegated'));
          }}
        >
          <div className="field">
            <label className="field-label" htmlFor="task-delegate">
              {t('inbox.task.delegateTo')}
            </label>
            <UserPicker id="task-delegate" value={delegate} onChange={setDelegate} exclude={notMe} />
          </div>
          <button type="submit" className="btn" disabled={!delegate}>
            {t('inbox.task.delegate')}
          </button>
        </form>
      )}
      <form
        className="task-actions"
        onSubmit={(e) => {
          e.preventDefault();
          onAct(() => setTaskDates(task.id, { due: asInstant(due), followUp: asInstant(followUp) }), msg('inbox.task.datesSaved'));
        }}
      >
        <label className="field">
          <span className="field-label">{t('inbox.task.due')}</span>
          <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('inbox.task.followUp')}</span>
          <input type="datetime-local" value={followUp} onChange={(e) => setFollowUp(e.target.value)} />
        </label>
        <button type="submit" className="btn">
          {t('inbox.task.saveDates')}
        </button>
      </form>
    </div>
  );
}

/** What ran in this task's process so far (from the record's processes). */
function ProcessHistory({ task }: { task: TaskDetail }) {
  const { t } = useTaskI18n();
  const problemMessage = useProblemMessage();
  const [process, setProcess] = useState<RecordProcess | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!task.record) return;
    const controller = new AbortController();
    recordProcesses(task.record.entity, task.record.id, controller.signal).then(
      (all) => setProcess(all.find((p) => p.id === task.processInstanceId) ?? null),
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [task.record, task.processInstanceId]);
  return (
    <div className="task-panel">
      <h2>{t('inbox.task.history')}</h2>
      {error !== null && <p className="muted">{problemMessage(error)}</p>}
      {process && (
        <ol className="task-history">
          {process.activities
            .filter((a) => a.activityName)
            .map((a) => (
              <li key={a.id}>
                <span>
                  {a.activityName}
                  {a.endTime === null && <span className="chip">{t('inbox.task.now')}</span>}
                </span>
                <span className="muted">
                  <When at={a.startTime} />
                </span>
              </li>
            ))}
        </ol>
      )}
      <p>
        <Link to={processPath(task.processInstanceId)}>{t('processView.open')}</Link>
      </p>
    </div>
  );
}
