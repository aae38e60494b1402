/**
 * One record's access: pick an entity and a record (search by its display field), then a user —
 * "who can see this record, and why" lists each grant (org-wide default, owner, role hierarchy, a
 * sharing rule by name, a share and the group it went to) with its level. Below, the record's
 * manual shares: listed, removed, added.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { listRecords, type CrmRecord, type EntityMeta } from '../api/index.js';
import { addShare, explainAccess, listShares, removeShare, type AccessExplanation, type AccessGrant, type GroupRef, type RuleAccess, type Share } from '../api/studioAdmin.js';
import { ErrorBanner } from '../app/feedback.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { quoteFilterString } from '../records/columns.js';
import { displayValue } from '../records/fields.js';
import { useDirectory, useRoleLabel } from './directory.js';
import { FormBanner, useFormErrors } from './errors.js';
import { EntitySelect, GroupPicker, groupKindOf, SHARE_GRANTEE_KINDS, UserSelect, useStatus } from './pickers.js';
import { useAdminI18n, type AdminKey } from './messages.js';

export function AccessSection() {
  const { t } = useAdminI18n();
  const { entities } = useMetadata();
  const [entityName, setEntityName] = useState(entities[0]?.name ?? '');
  const [record, setRecord] = useState<CrmRecord | null>(null);
  const entity = entities.find((e) => e.name === entityName);
  return (
    <div className="admin-access">
      <section aria-labelledby="pick-record">
        <h2 id="pick-record">{t('studioAdmin.access.pickRecord')}</h2>
        <EntitySelect
          id="access-entity"
          value={entityName}
          onChange={(name) => {
            setEntityName(name);
            setRecord(null);
          }}
        />
        {entity && <RecordSearch key={entity.name} entity={entity} chosen={record} onChoose={setRecord} />}
      </section>
      {entity && record && (
        <>
          <Explainer key={`e-${record.id}`} entity={entity} record={record} />
          <Shares key={`s-${record.id}`} entity={entity} record={record} />
        </>
      )}
    </div>
  );
}

function RecordSearch({ entity, chosen, onChoose }: { entity: EntityMeta; chosen: CrmRecord | null; onChoose: (r: CrmRecord) => void }) {
  const { t } = useAdminI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<CrmRecord[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    const q = query.trim();
    listRecords(entity.name, {
      limit: 20,
      filter: q ? `${entity.displayField} contains ${quoteFilterString(q)}` : undefined,
    }).then((page) => setFound(page.items), setError);
  };
  return (
    <>
      <form role="search" onSubmit={search} className="inline-form">
        <label htmlFor="access-query" className="field-label">
          {t('studioAdmin.access.search')}
        </label>
        <input id="access-query" type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <button type="submit" className="btn">
          {t('studioAdmin.access.find')}
        </button>
      </form>
      {error !== null && <ErrorBanner error={error} />}
      {found && (
        <ul className="record-choices" aria-label={t('studioAdmin.access.results')}>
          {found.map((r) => (
            <li key={r.id}>
              <button type="button" className="link-button" aria-pressed={chosen?.id === r.id} onClick={() => onChoose(r)}>
                {displayValue(entity, r)}
              </button>
            </li>
          ))}
          {found.length === 0 && <li className="muted">{t('studioAdmin.none')}</li>}
        </ul>
      )}
    </>
  );
}

function Explainer({ entity, record }: { entity: EntityMeta; record: CrmRecord }) {
  const { t } = useAdminI18n();
  const roleLabel = useRoleLabel();
  const [userId, setUserId] = useState('');
  const [answer, setAnswer] = useState<AccessExplanation | null>(null);
  const [error, setError] = useState<unknown>(null);
  const result = useRef<HTMLDivElement>(null);
  const explain = (e: FormEvent) => {
    e.preventDefault();
    if (!userId) return;
    setError(null);
    explainAccess(entity.name, record.id, userId).then((a) => {
      setAnswer(a);
      window.setTimeout(() => result.current?.focus(), 0);
    }, setError);
  };
  return (
    <section aria-labelledby="explain-title" className="admin-panel">
      <h2 id="explain-title">
        {t('studioAdmin.access.explainTitle', {
          record: displayValue(entity, record),
        })}
      </h2>
      <form onSubmit={explain} className="inline-form">
        <label htmlFor="access-user" className="field-label">
          {t('studioAdmin.access.user')}
        </label>
        <UserSelect id="access-user" value={userId} onChange={setUserId} all />
        <button type="submit" className="btn btn-primary" disabled={!userId}>
          {t('studioAdmin.access.explain')}
        </button>
      </form>
      {error !== null && <ErrorBanner error={error} />}
      {answer && (
        <div ref={result} tabIndex={-1} className="explanation" aria-live="polite">
          <p>
            <strong>
              {t('studioAdmin.access.levelIs', {
                user: answer.user.username,
                level: t(`studioAdmin.level.${answer.level}` as AdminKey),
              })}
            </strong>
          </p>
          <p className="muted">
            {answer.unrestricted
              ? t('studioAdmin.access.unrestricted')
              : answer.rolePermits
                ? t('studioAdmin.access.rolePermits', {
                    role: roleLabel(answer.role) || t('studioAdmin.users.defaultRole'),
                  })
                : t('studioAdmin.access.roleForbids', {
                    role: roleLabel(answer.role) || t('studioAdmin.access.noRole'),
                  })}
          </p>
          {answer.grants.length === 0 ? (
            <p>{t('studioAdmin.access.noGrants')}</p>
          ) : (
            <ul className="grants" aria-label={t('studioAdmin.access.grants')}>
              {answer.grants.map((g, i) => (
                <li key={i}>
                  <GrantText grant={g} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

function GrantText({ grant }: { grant: AccessGrant }) {
  const { t } = useAdminI18n();
  const level = t(`studioAdmin.level.${grant.level}` as AdminKey);
  const known = ['default', 'owner', 'hierarchy', 'rule', 'share'].includes(grant.kind);
  const why = known
    ? t(`studioAdmin.grant.${grant.kind}` as AdminKey, {
        rule: grant.rule ?? '',
        via: grant.via ?? '',
      })
    : grant.kind;
  return <>{t('studioAdmin.grant.line', { why, level })}</>;
}

function Shares({ entity, record }: { entity: EntityMeta; record: CrmRecord }) {
  const { t } = useAdminI18n();
  const roleLabel = useRoleLabel();
  const { users } = useDirectory();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const [shares, setShares] = useState<Share[] | null>(null);
  const [grantee, setGrantee] = useState<GroupRef>({ user: '' });
  const [access, setAccess] = useState<RuleAccess>('read');
  const load = () => {
    listShares(entity.name, record.id).then(setShares, (e: unknown) => errors.fail(e));
  };
  useEffect(load, []);
  const name = (s: Share) =>
    s.grantee.kind === 'role' || s.grantee.kind === 'roleAndSubordinates'
      ? roleLabel(s.grantee.key)
      : (s.grantee.name ?? users.find((u) => u.id === s.grantee.key)?.displayName ?? s.grantee.key);
  const add = async (e: FormEvent) => {
    e.preventDefault();
    errors.clear();
    const kind = groupKindOf(grantee);
    try {
      await addShare(entity.name, record.id, { kind, key: String(grantee[kind] ?? '') }, access);
      status.say(t('studioAdmin.shares.added'));
      load();
    } catch (err) {
      errors.fail(err, form.current);
    }
  };
  const remove = async (s: Share) => {
    errors.clear();
    try {
      await removeShare(entity.name, record.id, s.id);
      status.say(t('studioAdmin.shares.removed'));
      load();
    } catch (err) {
      errors.fail(err);
    }
  };
  return (
    <section aria-labelledby="shares-title" className="admin-panel">
      <h2 id="shares-title">{t('studioAdmin.shares.title')}</h2>
      {shares && shares.length === 0 && <p className="muted">{t('studioAdmin.shares.none')}</p>}
      {shares && shares.length > 0 && (
        <ul>
          {shares.map((s) => (
            <li key={s.id}>
              {t('studioAdmin.shares.line', {
                kind: t(`studioAdmin.group.${s.grantee.kind}` as AdminKey),
                name: name(s),
                level: t(`studioAdmin.level.${s.access}` as AdminKey),
              })}{' '}
              <button type="button" className="btn btn-small" aria-label={t('studioAdmin.shares.remove', { name: name(s) })} onClick={() => void remove(s)}>
                {t('studioAdmin.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form ref={form} onSubmit={(e) => void add(e)} noValidate aria-label={t('studioAdmin.shares.add')}>
        <FormBanner errors={errors} />
        <GroupPicker
          value={grantee}
          onChange={setGrantee}
          kinds={SHARE_GRANTEE_KINDS}
          idPrefix="share-grantee"
          label={t('studioAdmin.shares.grantee')}
          errors={errors}
          path="/grantee"
        />
        <label htmlFor="share-access" className="field-label">
          {t('studioAdmin.sharing.access')}
        </label>
        <select id="share-access" className="access-select" value={access} onChange={(e) => setAccess(e.target.value as RuleAccess)}>
          <option value="read">{t('studioAdmin.level.read')}</option>
          <option value="edit">{t('studioAdmin.level.edit')}</option>
        </select>
        <div className="form-actions">
          <button type="submit" className="btn">
            {t('studioAdmin.shares.add')}
          </button>
        </div>
        {status.node}
      </form>
    </section>
  );
}
