/**
 * One entity of the draft: its fields (add, edit, remove through the field dialog), rules and
 * indexes, state machines, record layout and the raw document. Every change is saved to the
 * draft at once; the problems the server finds are shown at the field they concern.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { validateDraft, type DraftIssue, type EntityDoc } from '../api/studioModel.js';
import { msg, type Message } from '../app/message.js';
import { useQueryParam } from '../app/router.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';
import { useDraft } from './draftContext.js';
import { FieldDialog } from './FieldDialog.js';
import { fieldAnchor, Outcome, PageHead } from './IssueList.js';
import { formOf, kindOf, withoutField } from './fieldModel.js';
import { JsonTab } from './JsonTab.js';
import { LayoutTab } from './LayoutTab.js';
import { RulesTab } from './RulesTab.js';
import { StateMachineTab } from './StateMachineTab.js';

const TABS = ['fields', 'rules', 'stateMachines', 'layout', 'json'] as const;
type Tab = (typeof TABS)[number];

export interface TabProps {
  doc: EntityDoc;
  save(doc: EntityDoc): Promise<void>;
}

export function EntityEditor({ name }: { name: string }) {
  const { t, label, locale } = useI18n();
  const { draft, saveEntity } = useDraft();
  const [tab, setTab] = useState<Tab>('fields');
  const [issues, setIssues] = useState<DraftIssue[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<Message<StudioKey>>('');
  // The document's problems as the draft stands (also when the editor opens from a problem's link), in the UI's language.
  useEffect(() => {
    validateDraft().then((r) => setIssues(r.issues.filter((i) => i.kind === 'entities' && i.document === name)), setError);
  }, [draft.revision, name, locale]);
  const doc = draft.documents.entities.find((e) => e['x-crm-entity'] === name);
  if (!doc) return <p className="muted">{t('app.notFound')}</p>;
  const save = async (next: EntityDoc) => {
    setError(null);
    setStatus('');
    try {
      const found = await saveEntity(next);
      setIssues(found);
      setStatus(found.length ? msg('studioModel.savedWithIssues', { count: found.length }) : msg('studioModel.saved'));
    } catch (e) {
      setError(e);
      throw e;
    }
  };
  const onTabKey = (e: KeyboardEvent<HTMLButtonElement>) => {
    const i = TABS.indexOf(tab);
    const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : null;
    if (!next) return;
    e.preventDefault();
    setTab(next);
    document.getElementById(`sm-tab-${next}`)?.focus();
  };
  const props: TabProps = { doc, save };
  return (
    <section aria-labelledby="sm-entity-title">
      <PageHead id="sm-entity-title">
        {t('studioModel.editing', { entity: label(doc['x-crm-label'], name) })} <span className="mono muted">{name}</span>
      </PageHead>
      <Outcome status={status} error={error} issues={issues} />
      <div role="tablist" aria-label={t('studioModel.entityParts')} className="sm-tabs">
        {TABS.map((k) => (
          <button
            key={k}
            id={`sm-tab-${k}`}
            type="button"
            role="tab"
            aria-selected={tab === k}
            aria-controls={`sm-panel-${k}`}
            tabIndex={tab === k ? 0 : -1}
            onClick={() => setTab(k)}
            onKeyDown={onTabKey}
          >
            {t(`studioModel.tab.${k}` as StudioKey)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`sm-panel-${tab}`} aria-labelledby={`sm-tab-${tab}`}>
        {tab === 'fields' && <FieldsTab {...props} issues={issues ?? []} />}
        {tab === 'rules' && <RulesTab {...props} />}
        {tab === 'stateMachines' && <StateMachineTab {...props} />}
        {tab === 'layout' && <LayoutTab {...props} />}
        {tab === 'json' && <JsonTab {...props} />}
      </div>
    </section>
  );
}

function FieldsTab({ doc, save, issues }: TabProps & { issues: DraftIssue[] }) {
  const { t, label } = useI18n();
  const { draft } = useDraft();
  const focusField = useQueryParam('field');
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const fields = Object.entries(doc.properties ?? {});
  const byField = (f: string) => issues.filter((i) => i.field === f);
  const entityNames = draft.documents.entities.map((e) => e['x-crm-entity']).sort();
  return (
    <>
      <div className="toolbar">
        <button type="button" className="btn btn-primary" onClick={() => setEditing(null)}>
          {t('studioModel.addField')}
        </button>
      </div>
      <div className="table-wrap">
        <table aria-label={t('studioModel.tab.fields')}>
          <thead>
            <tr>
              <th scope="col">{t('studioModel.field.name')}</th>
              <th scope="col">{t('studioModel.field.label')}</th>
              <th scope="col">{t('studioModel.field.kind')}</th>
              <th scope="col">{t('studioModel.field.rules')}</th>
              <th scope="col">{t('studioModel.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map(([name, f]) => {
              const form = formOf(doc, name);
              const problems = byField(name);
              return (
                <tr key={name} id={fieldAnchor(name)} className={problems.length || focusField === name ? 'sm-row-flagged' : undefined}>
                  <td className="mono">{name}</td>
                  <td>{label(f['x-crm-label'], name)}</td>
                  <td>{t(`studioModel.kind.${kindOf(f)}` as StudioKey)}</td>
                  <td>
                    {[form.required && t('studioModel.field.required'), form.unique && t('studioModel.field.unique'), form.duplicate && t('studioModel.field.duplicate')].filter(Boolean).join(' · ')}
                    {problems.length > 0 && (
                      <ul className="field-errors" aria-label={t('studioModel.fieldIssues', { field: name })}>
                        {problems.map((p, i) => (
                          <li key={i}>
                            <code>{p.path}</code> {p.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td>
                    <button type="button" className="btn btn-small" aria-label={t('studioModel.editField', { field: name })} onClick={() => setEditing(name)} autoFocus={focusField === name}>
                      {t('studioModel.edit')}
                    </button>{' '}
                    <button type="button" className="btn btn-small" aria-label={t('studioModel.removeField', { field: name })} onClick={() => save(withoutField(doc, name)).catch(() => undefined)}>
                      {t('studioModel.remove')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {editing !== undefined && <FieldDialog doc={doc} previous={editing} entities={entityNames} onSave={save} onClose={() => setEditing(undefined)} />}
    </>
  );
}
