/**
 * The process modeler: bpmn-js Modeler (palette, context pad) with the Camunda 7 properties panel
 * (bpmn-js-properties-panel + camunda-bpmn-js-behaviors), our formKey chooser (crmFormProvider.ts),
 * bpmnlint as you draw (lint-config.ts) and the server's deploy checks (Check, Deploy). Problems
 * of both kinds are marked on their elements and listed under the diagram; a click selects the
 * element. Deploy checks on the server, asks to confirm, then deploys a new version.
 * This file and the bpmn-io libraries are a lazily loaded chunk of their own.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { checkProcessModel, deployProcessModel, type DeployTarget, type ModelProblem, type RegisteredForm } from '../api/studioProcess.js';
import { isApiError } from '../api/index.js';
import { failed, msg, useSay, type Message } from '../app/message.js';
import { useI18n } from '../i18n/index.js';
import { useStudioProcessT, type StudioProcessKey } from './messages.js';
import { createModeler, type ModelerHandle } from './modeler.js';

export interface Problem {
  source: 'lint' | 'server';
  elementId: string | null;
  message: string;
  severity: 'error' | 'warning';
  line: number | null;
  column: number | null;
}

/** Worded when shown (app/message.ts), so a change of language rewords it. */
type Status = { kind: 'idle' } | { kind: 'busy' | 'ok' | 'error'; text: Message<StudioProcessKey> };

export default function ProcessModeler(props: {
  xml: string;
  /** The process the page deploys a version of, or a new one: the server refuses a model landing on another. */
  target: DeployTarget;
  forms: RegisteredForm[];
  processName: string;
  nextVersion: number;
  /** The process key is the model's: an analyst may have changed the process id (a new process). */
  onDeployed(key: string, version: number): void;
}) {
  const { xml, target, forms, processName, nextVersion, onDeployed } = props;
  const { label, locale } = useI18n();
  const t = useStudioProcessT();
  const say = useSay(t);
  const canvasRef = useRef<HTMLDivElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const modeler = useRef<ModelerHandle | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  /**
   * A file opened into the modeler, as long as the diagram is unchanged since: Check and Deploy
   * send the file's own text. bpmn-js leaves out what it cannot read (a second element with a used
   * id, say), so its export would hide the file's problems instead of refusing them.
   */
  const openedFile = useRef<string | null>(null);
  /** The diagram as last changed (of the model `base`): a change of language rebuilds the modeler from it, not from `xml`. */
  const draft = useRef<{ base: string; text: string } | null>(null);
  const [ready, setReady] = useState<'loading' | 'ready' | string>('loading');
  const [lintProblems, setLintProblems] = useState<Problem[]>([]);
  const [serverProblems, setServerProblems] = useState<Problem[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [confirming, setConfirming] = useState(false);

  const crmForms = useMemo(
    () => ({
      forms: forms.map((f) => ({ formKey: f.formKey, title: label(f.title, f.id) })),
      texts: {
        group: t('studioProcess.form.group'),
        label: t('studioProcess.form.label'),
        none: t('studioProcess.form.none'),
        unknown: t('studioProcess.form.unknown'),
        description: t('studioProcess.form.description'),
      },
    }),
    // The texts follow the language: a change of language rebuilds the modeler with them.
    [forms, locale, label, t],
  );

  useEffect(() => {
    if (!canvasRef.current || !panelRef.current) return;
    let alive = true;
    let handle: ModelerHandle | null = null;
    createModeler({
      canvas: canvasRef.current,
      panel: panelRef.current,
      crmForms,
      locale,
      onLint: (issues) => alive && setLintProblems(issues.map((i) => ({ source: 'lint', elementId: i.elementId, message: `${i.message} (${i.rule})`, severity: i.severity, line: null, column: null }))),
      onChanged: () => {
        openedFile.current = null;
        void handle?.xml().then((text) => alive && (draft.current = { base: xml, text }));
        if (alive) setServerProblems((p) => (p.length ? [] : p));
      },
    })
      .then(async (created) => {
        handle = created;
        if (!alive) return created.destroy();
        modeler.current = created;
        await created.open(draft.current?.base === xml ? draft.current.text : xml);
        if (alive) setReady('ready');
      })
      .catch((e: unknown) => alive && setReady(e instanceof Error ? e.message : String(e)));
    return () => {
      alive = false;
      modeler.current = null;
      handle?.destroy();
    };
  }, [xml, crmForms, locale]);

  // The server's problems on their elements (the lint module marks its own).
  useEffect(() => {
    modeler.current?.markProblems(serverProblems.flatMap((p) => (p.elementId ? [{ elementId: p.elementId, message: p.message }] : [])));
  }, [serverProblems]);

  /** What Check and Deploy send: the opened file while unchanged, else the diagram. */
  const modelXml = async (m: ModelerHandle) => openedFile.current ?? (await m.xml());

  const check = useCallback(async (): Promise<boolean> => {
    const m = modeler.current;
    if (!m) return false;
    setStatus({ kind: 'busy', text: msg('studioProcess.checking') });
    try {
      const result = await checkProcessModel(await modelXml(m), target);
      const problems = result.problems.map(fromServer);
      setServerProblems(problems);
      setStatus(result.valid ? { kind: 'ok', text: msg('studioProcess.checkPassed') } : { kind: 'error', text: msg('studioProcess.checkFailed', { count: problems.length }) });
      return result.valid;
    } catch (e) {
      setStatus({ kind: 'error', text: failed(e) });
      return false;
    }
  }, [t, target]);

  /**
   * Open a .bpmn file into the modeler. The server checks the file as it is (its problems, with
   * line and column, on their elements); a file bpmn-js cannot read leaves the diagram as it was.
   */
  const openFile = async (file: File) => {
    const m = modeler.current;
    if (!m) return;
    const text = await file.text();
    setStatus({ kind: 'busy', text: msg('studioProcess.checking') });
    try {
      const result = await checkProcessModel(text, target);
      let opened = true;
      await m.open(text).catch(() => (opened = false));
      if (opened) {
        openedFile.current = text;
        draft.current = { base: xml, text };
      }
      const problems = result.problems.map(fromServer);
      setServerProblems(problems);
      if (!opened) setStatus({ kind: 'error', text: msg('studioProcess.fileUnreadable', { file: file.name, count: problems.length }) });
      else setStatus(result.valid ? { kind: 'ok', text: msg('studioProcess.fileOpened', { file: file.name }) } : { kind: 'error', text: msg('studioProcess.fileRefused', { file: file.name, count: problems.length }) });
    } catch (e) {
      setStatus({ kind: 'error', text: failed(e) });
    }
  };

  const lintErrors = lintProblems.filter((p) => p.severity === 'error').length;

  const startDeploy = async () => {
    if (lintErrors > 0) {
      setStatus({ kind: 'error', text: msg('studioProcess.lintErrors', { count: lintErrors }) });
      return;
    }
    if (await check()) {
      setConfirming(true);
      requestAnimationFrame(() => confirmButton.current?.focus());
    }
  };

  const deploy = async () => {
    const m = modeler.current;
    if (!m) return;
    setConfirming(false);
    setStatus({ kind: 'busy', text: msg('studioProcess.deploying') });
    try {
      const { deployed } = await deployProcessModel(await modelXml(m), target);
      onDeployed(deployed[0]!.key, deployed[0]!.version);
    } catch (e) {
      const problems = isApiError(e) && Array.isArray(e.problem.problems) ? (e.problem.problems as ModelProblem[]).map(fromServer) : [];
      setServerProblems(problems);
      setStatus({ kind: 'error', text: problems.length ? msg('studioProcess.checkFailed', { count: problems.length }) : failed(e) });
    }
  };

  const problems = [...serverProblems, ...lintProblems];
  const busy = status.kind === 'busy' || ready !== 'ready';
  return (
    <div className="sp-modeler">
      <div className="sp-toolbar" role="toolbar" aria-label={t('studioProcess.modeler')}>
        <button type="button" className="btn" onClick={() => void check()} disabled={busy}>
          {t('studioProcess.check')}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void startDeploy()} disabled={busy || confirming}>
          {t('studioProcess.deploy')}
        </button>
        <button type="button" className="btn" onClick={() => modeler.current?.fit()} disabled={ready !== 'ready'}>
          {t('studioProcess.fit')}
        </button>
        <button type="button" className="btn" onClick={() => fileInput.current?.click()} disabled={busy}>
          {t('studioProcess.openFile')}
        </button>
        <input
          ref={fileInput}
          type="file"
          className="sp-file"
          accept=".bpmn,.xml,application/xml,text/xml"
          aria-hidden="true"
          tabIndex={-1}
          data-testid="open-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void openFile(file);
          }}
        />
      </div>
      {status.kind !== 'idle' && (
        <p className={`banner ${status.kind === 'error' ? 'banner-error' : 'banner-info'}`} role={status.kind === 'error' ? 'alert' : 'status'} data-testid="modeler-status">
          {say(status.text)}
        </p>
      )}
      {confirming && (
        <div className="sp-confirm" role="alertdialog" aria-labelledby="sp-confirm-title" aria-describedby="sp-confirm-text" onKeyDown={(e) => e.key === 'Escape' && setConfirming(false)}>
          <h2 id="sp-confirm-title">{t('studioProcess.confirmTitle')}</h2>
          <p id="sp-confirm-text">{t('studioProcess.confirmText', { version: nextVersion, name: processName })}</p>
          <button type="button" ref={confirmButton} className="btn btn-primary" onClick={() => void deploy()}>
            {t('studioProcess.confirmDeploy', { version: nextVersion })}
          </button>{' '}
          <button type="button" className="btn" onClick={() => setConfirming(false)}>
            {t('studioProcess.cancel')}
          </button>
        </div>
      )}
      {ready !== 'loading' && ready !== 'ready' && <p className="banner banner-error">{t('studioProcess.importFailed', { message: ready })}</p>}
      <div className="sp-workbench">
        <div ref={canvasRef} className="sp-canvas" role="application" aria-label={t('studioProcess.canvas')} data-state={ready === 'ready' ? 'ready' : 'loading'} data-testid="modeler-canvas" />
        <aside ref={panelRef} className="sp-properties" aria-label={t('studioProcess.properties')} data-testid="properties-panel" />
      </div>
      <section className="sp-problems" aria-labelledby="sp-problems-title">
        <h2 id="sp-problems-title">{t('studioProcess.problems', { count: problems.length })}</h2>
        {problems.length === 0 ? (
          <p className="muted">{t('studioProcess.noProblems')}</p>
        ) : (
          <ul data-testid="problems">
            {problems.map((p, i) => (
              <li key={`${p.source}-${i}`} className={`sp-problem sp-problem-${p.severity}`} data-source={p.source} data-element-id={p.elementId ?? ''}>
                <span className="chip">{t(p.source === 'lint' ? 'studioProcess.source.lint' : 'studioProcess.source.server')}</span>{' '}
                {p.elementId ? (
                  <button type="button" className="sp-link" onClick={() => modeler.current?.select(p.elementId!)} aria-label={t('studioProcess.selectElement', { element: p.elementId })}>
                    {p.elementId}
                  </button>
                ) : null}{' '}
                {p.message}
                {p.line !== null && <span className="muted"> ({t(p.column === null ? 'studioProcess.problemAt' : 'studioProcess.problemAtColumn', { line: p.line, column: p.column ?? '' })})</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

const fromServer = (p: ModelProblem): Problem => ({ source: 'server', elementId: p.elementId, message: p.message, severity: 'error', line: p.line, column: p.column });
