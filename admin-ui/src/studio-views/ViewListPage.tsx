/**
 * The draft's views by entity — each with its columns, grouping, board, defaults and how many
 * problems it has — and a form to start a new view of an entity.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { draftModel, listDraftViews, type RoleDoc, type ViewDoc, type ViewIssue } from '../api/studioViews.js';
import type { EntityMeta } from '../api/types.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link, navigate } from '../app/router.js';
import { entityMetaOf } from './model.js';
import { useViewsI18n } from './messages.js';

const NAME = /^[a-z][a-zA-Z0-9-]{0,63}$/;

interface Data {
  items: { name: string; document: ViewDoc; issues: ViewIssue[] }[];
  entities: EntityMeta[];
  roles: RoleDoc[];
}

export function ViewListPage() {
  const { t, label } = useViewsI18n();
  const [data, setData] = useState<Data | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [name, setName] = useState('');
  const [entity, setEntity] = useState('');
  const [nameProblem, setNameProblem] = useState('');

  useEffect(() => {
    const abort = new AbortController();
    Promise.all([listDraftViews(abort.signal), draftModel(abort.signal)]).then(
      ([views, model]) => setData({ items: views.items, entities: model.entities.map(entityMetaOf), roles: model.roles }),
      (e) => !abort.signal.aborted && setError(e),
    );
    return () => abort.abort();
  }, []);

  const byEntity = useMemo(() => {
    if (!data) return [];
    const names = [...new Set(data.items.map((i) => i.document.entity))];
    const labelOf = (n: string) => label(data.entities.find((e) => e.name === n)?.pluralLabel, n);
    return names.sort((a, b) => labelOf(a).localeCompare(labelOf(b))).map((n) => ({ entity: n, title: labelOf(n), items: data.items.filter((i) => i.document.entity === n) }));
  }, [data, label]);

  if (error) return <ErrorBanner error={error} />;
  if (!data) return <Loading />;
  const roleName = (key: string) => label(data.roles.find((r) => r['x-crm-role'] === key)?.label, key);
  const fieldName = (entityName: string, field: string) => label(data.entities.find((e) => e.name === entityName)?.fields.find((f) => f.name === field)?.label, field);

  const create = (e: FormEvent) => {
    e.preventDefault();
    const problem = !NAME.test(name) ? t('studioViews.nameInvalid') : data.items.some((i) => i.name === name) ? t('studioViews.nameTaken') : '';
    setNameProblem(problem);
    if (!problem && entity) navigate(`/studio/views/${name}?entity=${encodeURIComponent(entity)}`);
  };

  return (
    <div className="studio-views">
      <h1 tabIndex={-1}>{t('studioViews.title')}</h1>
      <p className="muted">{t('studioViews.intro')}</p>
      {byEntity.map((group) => (
        <section key={group.entity} aria-labelledby={`sv-e-${group.entity}`}>
          <h2 id={`sv-e-${group.entity}`}>{group.title}</h2>
          <table className="records">
            <thead>
              <tr>
                <th scope="col">{t('studioViews.col.view')}</th>
                <th scope="col">{t('studioViews.col.columns')}</th>
                <th scope="col">{t('studioViews.col.shows')}</th>
                <th scope="col">{t('studioViews.col.issues')}</th>
              </tr>
            </thead>
            <tbody>
              {group.items.map(({ name: n, document: d, issues }) => (
                <tr key={n}>
                  <td>
                    <Link to={`/studio/views/${n}`}>{label(d.label, n)}</Link> <code className="muted">{n}</code>
                  </td>
                  <td>{Array.isArray(d.columns) ? d.columns.length : 0}</td>
                  <td>
                    {[
                      d.default ? t('studioViews.flag.default') : '',
                      d.defaultFor?.length ? t('studioViews.flag.defaultFor', { roles: d.defaultFor.map(roleName).join(', ') }) : '',
                      d.groupBy ? t('studioViews.flag.grouped', { field: fieldName(d.entity, d.groupBy) }) : '',
                      d.kanban ? t('studioViews.flag.kanban') : '',
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </td>
                  <td>{issues.length ? <span className="sv-bad">{t('studioViews.issuesCount', { count: issues.length })}</span> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <form className="sv-new" onSubmit={create} aria-labelledby="sv-h-new">
        <h2 id="sv-h-new">{t('studioViews.new')}</h2>
        <div className="field">
          <label className="field-label" htmlFor="sv-new-name">
            {t('studioViews.newName')}
          </label>
          <input id="sv-new-name" value={name} aria-invalid={nameProblem ? true : undefined} aria-describedby="sv-new-name-help" onChange={(e) => setName(e.target.value.trim())} />
          <p className={nameProblem ? 'field-errors' : 'muted'} id="sv-new-name-help">
            {nameProblem || t('studioViews.newNameHelp')}
          </p>
        </div>
        <div className="field">
          <label className="field-label" htmlFor="sv-new-entity">
            {t('studioViews.newEntity')}
          </label>
          <select id="sv-new-entity" value={entity} onChange={(e) => setEntity(e.target.value)}>
            <option value="">{t('studioViews.chooseEntity')}</option>
            {data.entities
              .map((e) => ({ name: e.name, title: label(e.pluralLabel, e.name) }))
              .sort((a, b) => a.title.localeCompare(b.title))
              .map((e) => (
                <option key={e.name} value={e.name}>
                  {e.title}
                </option>
              ))}
          </select>
        </div>
        <button type="submit" className="btn btn-primary" disabled={!name || !entity}>
          {t('studioViews.create')}
        </button>
      </form>
    </div>
  );
}
