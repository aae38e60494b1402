/**
 * The entity designer (docs/studio.md): the draft bar on every page, then the entity list, one
 * entity's editor, the publish page or the versions page. One lazy chunk (area.tsx).
 */
import { ErrorBanner, Loading } from '../app/feedback.js';
import { Link } from '../app/router.js';
import { useStudioI18n as useI18n } from './messages.js';
import { DraftBar } from './DraftBar.js';
import { DraftProvider, useDraft, useDraftLoader } from './draftContext.js';
import { EntityEditor } from './EntityEditor.js';
import { PageHead } from './IssueList.js';
import { NewEntityForm } from './NewEntityForm.js';
import { PublishPage } from './PublishPage.js';
import { VersionsPage } from './VersionsPage.js';
import './studio-model.css';

type StudioModelView = { page: 'entities' } | { page: 'entity'; name: string } | { page: 'publish' } | { page: 'versions' };

/** Route parameters → page: `/studio/model`, `/studio/model/publish|versions`, `/studio/model/entities/:name`. */
function viewOf(params: Record<string, string>): StudioModelView | null {
  if (params.name) return { page: 'entity', name: params.name };
  if (!params.page) return { page: 'entities' };
  return params.page === 'publish' || params.page === 'versions' ? { page: params.page } : null;
}

export default function StudioModelPage({ params }: { params: Record<string, string> }) {
  const view = viewOf(params);
  if (!view) return <NotFound />;
  return <Designer view={view} />;
}

function NotFound() {
  const { t } = useI18n();
  return <p className="muted">{t('app.notFound')}</p>;
}

function Designer({ view }: { view: StudioModelView }) {
  const { draft, error, load } = useDraftLoader();
  if (error !== null) return <ErrorBanner error={error} onRetry={load} />;
  if (!draft) return <Loading />;
  return (
    <DraftProvider draft={draft} reload={load}>
      <div className="studio-model">
        <DraftBar />
        {view.page === 'entities' && <EntityList />}
        {view.page === 'entity' && <EntityEditor key={view.name} name={view.name} />}
        {view.page === 'publish' && <PublishPage />}
        {view.page === 'versions' && <VersionsPage />}
      </div>
    </DraftProvider>
  );
}

function EntityList() {
  const { t, label } = useI18n();
  const { draft } = useDraft();
  const changed = new Map(draft.changes.filter((c) => c.kind === 'entities').map((c) => [c.name, c.change]));
  const entities = [...draft.documents.entities].sort((a, b) => a['x-crm-entity'].localeCompare(b['x-crm-entity']));
  return (
    <section aria-labelledby="sm-entities">
      <PageHead id="sm-entities">
        {t('studioModel.entities')}
      </PageHead>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('studioModel.entity')}</th>
              <th scope="col">{t('studioModel.apiName')}</th>
              <th scope="col">{t('studioModel.fieldCount')}</th>
              <th scope="col">{t('studioModel.draftState')}</th>
            </tr>
          </thead>
          <tbody>
            {entities.map((e) => (
              <tr key={e['x-crm-entity']}>
                <td>
                  <Link to={`/studio/model/entities/${e['x-crm-entity']}`}>{label(e['x-crm-label'], e['x-crm-entity'])}</Link>
                </td>
                <td className="mono">{e['x-crm-entity']}</td>
                <td className="num">{Object.keys(e.properties ?? {}).length}</td>
                <td>{changed.has(e['x-crm-entity']) ? t(`studioModel.change.${changed.get(e['x-crm-entity'])!}`) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <NewEntityForm />
    </section>
  );
}
