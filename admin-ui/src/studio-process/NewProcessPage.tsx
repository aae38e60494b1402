/**
 * A new process from scratch (/studio/processes/new): its key and name, checked by the server (the
 * key's pattern, not taken by a deployed process — refused at the field), then the modeler on the
 * empty executable process the server gives. Deploying it makes version 1; nothing is deployed before.
 */
import { lazy, Suspense, useCallback, useRef, useState, type FormEvent } from 'react';
import { isApiError } from '../api/index.js';
import { newProcessModel, studioForms, studioProcessPath, type RegisteredForm } from '../api/studioProcess.js';
import { useProblemMessage } from '../app/feedback.js';
import { Link, navigate } from '../app/router.js';
import { useStudioProcessT } from './messages.js';
import './studio-process.css';

const ProcessModeler = lazy(() => import('./ProcessModeler.js'));

type Field = 'key' | 'name';

export default function NewProcessPage() {
  const t = useStudioProcessT();
  const problemMessage = useProblemMessage();
  const [key, setKey] = useState('');
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [created, setCreated] = useState<{ key: string; name: string; xml: string; forms: RegisteredForm[] } | null>(null);
  const inputs = { key: useRef<HTMLInputElement>(null), name: useRef<HTMLInputElement>(null) };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    try {
      const [model, forms] = await Promise.all([newProcessModel(key.trim(), name), studioForms()]);
      setCreated({ ...model, forms: forms.items });
    } catch (err) {
      const found: Partial<Record<Field, string>> = {};
      if (isApiError(err))
        for (const fe of err.errors) {
          if (fe.path === '/key') found.key = t(err.status === 409 ? 'studioProcess.new.keyTaken' : 'studioProcess.new.keyInvalid', { key: key.trim() });
          if (fe.path === '/name') found.name = t('studioProcess.new.nameRequired');
        }
      setErrors(found);
      const first = (['key', 'name'] as const).find((f) => found[f]);
      if (first) inputs[first].current?.focus();
      else setFailure(err);
    }
  };

  const onDeployed = useCallback((deployedKey: string, version: number) => navigate(`${studioProcessPath(deployedKey, version)}?deployed=${version}`), []);

  const field = (f: Field, value: string, set: (v: string) => void, hint: string) => (
    <>
      <label htmlFor={`sp-new-${f}`}>{t(f === 'key' ? 'studioProcess.new.key' : 'studioProcess.new.name')}</label>
      <input
        id={`sp-new-${f}`}
        ref={inputs[f]}
        value={value}
        autoComplete="off"
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={`sp-new-${f}-hint${errors[f] ? ` sp-new-${f}-error` : ''}`}
        onChange={(e) => (set(e.target.value), setErrors((x) => ({ ...x, [f]: undefined })))}
      />
      <span id={`sp-new-${f}-hint`} className="muted">
        {hint}
      </span>
      {errors[f] && (
        <p id={`sp-new-${f}-error`} className="field-error" role="alert">
          {errors[f]}
        </p>
      )}
    </>
  );

  return (
    <section className="studio-process" aria-labelledby="sp-new-title">
      <p>
        <Link to={studioProcessPath()}>{t('studioProcess.back')}</Link>
      </p>
      <h1 id="sp-new-title">{created ? `${created.name} · ${t('studioProcess.new.title')}` : t('studioProcess.new.title')}</h1>
      {!created ? (
        <form className="sp-new" onSubmit={(e) => void submit(e)} noValidate>
          {field('key', key, setKey, t('studioProcess.new.keyHint'))}
          {field('name', name, setName, t('studioProcess.new.nameHint'))}
          {failure !== null && (
            <p className="banner banner-error" role="alert">
              {problemMessage(failure)}
            </p>
          )}
          <p>
            <button type="submit" className="btn btn-primary">
              {t('studioProcess.new.create')}
            </button>
          </p>
        </form>
      ) : (
        <Suspense fallback={<p role="status">{t('studioProcess.loading')}</p>}>
          <ProcessModeler xml={created.xml} target={{ processKey: created.key, newProcess: true }} forms={created.forms} processName={created.name} nextVersion={1} onDeployed={onDeployed} />
        </Suspense>
      )}
    </section>
  );
}
