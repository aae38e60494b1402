/**
 * Resource transfer (资源移交): from one user to another — records of the chosen entities (or all),
 * open tasks, user shares. A dry run previews what would move; applying sends the same request
 * without `dryRun`. Changing the form discards the preview, so what is applied is what was shown.
 */
import { useRef, useState, type FormEvent } from 'react';
import { transferResources, type TransferInput, type TransferSummary } from '../api/studioAdmin.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { pickLabel } from '../i18n/index.js';
import { useDirectory, userName } from './directory.js';
import { Field, FormBanner, useFormErrors } from './errors.js';
import { UserSelect, useStatus } from './pickers.js';
import { useAdminI18n } from './messages.js';

export function TransferSection() {
  const { t, locale } = useAdminI18n();
  const { entities } = useMetadata();
  const { users } = useDirectory();
  const errors = useFormErrors();
  const status = useStatus();
  const form = useRef<HTMLFormElement>(null);
  const preview = useRef<HTMLDivElement>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [tasks, setTasks] = useState(true);
  const [shares, setShares] = useState(true);
  const [summary, setSummary] = useState<TransferSummary | null>(null);
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setSummary(null);
    };
  const input = (dryRun: boolean): TransferInput => ({
    fromUserId: from,
    toUserId: to,
    ...(chosen.length ? { entities: chosen } : {}),
    tasks,
    shares,
    dryRun,
  });
  const run = async (dryRun: boolean) => {
    errors.clear();
    status.say('');
    try {
      const answer = await transferResources(input(dryRun));
      setSummary(dryRun ? answer : null);
      if (dryRun) window.setTimeout(() => preview.current?.focus(), 0);
      else
        status.say(
          t('studioAdmin.transfer.done', {
            count: Object.values(answer.records).reduce((n, r) => n + r.count, 0),
            tasks: answer.tasks.length,
            shares: answer.shares.length,
          }),
        );
    } catch (err) {
      setSummary(null);
      errors.fail(err, form.current);
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(true);
  };
  const who = (id: string) => {
    const u = users.find((x) => x.id === id);
    return u ? userName(u) : id;
  };
  return (
    <form ref={form} onSubmit={submit} noValidate className="admin-panel admin-wide" aria-label={t('studioAdmin.section.transfer')}>
      <FormBanner errors={errors} />
      <div className="form-row">
        <Field label={t('studioAdmin.transfer.from')} path="/fromUserId" errors={errors} id="transfer-from">
          {(p) => <UserSelect {...p} value={from} onChange={changed(setFrom)} all />}
        </Field>
        <Field label={t('studioAdmin.transfer.to')} path="/toUserId" errors={errors} id="transfer-to">
          {(p) => <UserSelect {...p} value={to} onChange={changed(setTo)} />}
        </Field>
      </div>
      <fieldset>
        <legend>{t('studioAdmin.transfer.entities')}</legend>
        <p className="muted">{t('studioAdmin.transfer.entitiesHint')}</p>
        <div className="check-grid">
          {entities.map((e) => (
            <label key={e.name} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(e.name)}
                onChange={(ev) => changed(setChosen)(ev.target.checked ? [...chosen, e.name] : chosen.filter((n) => n !== e.name))}
                {...(chosen.includes(e.name) ? errors.control(`/entities/${chosen.indexOf(e.name)}`) : {})}
              />
              {pickLabel(locale, e.label, e.name)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="check">
        <input type="checkbox" checked={tasks} onChange={(e) => changed(setTasks)(e.target.checked)} />
        {t('studioAdmin.transfer.tasks')}
      </label>
      <label className="check">
        <input type="checkbox" checked={shares} onChange={(e) => changed(setShares)(e.target.checked)} />
        {t('studioAdmin.transfer.shares')}
      </label>
      <div className="form-actions">
        <button type="submit" className="btn">
          {t('studioAdmin.transfer.preview')}
        </button>
      </div>
      {summary && (
        <div ref={preview} tabIndex={-1} className="transfer-preview" aria-labelledby="transfer-preview-title">
          <h3 id="transfer-preview-title">
            {t('studioAdmin.transfer.previewTitle', {
              from: who(summary.fromUserId),
              to: who(summary.toUserId),
            })}
          </h3>
          <ul>
            {Object.entries(summary.records).map(([name, r]) => (
              <li key={name}>
                {t('studioAdmin.transfer.records', {
                  entity: pickLabel(locale, entities.find((e) => e.name === name)?.label, name),
                  count: r.count,
                })}
              </li>
            ))}
            <li>
              {t('studioAdmin.transfer.taskCount', {
                count: summary.tasks.length,
              })}
            </li>
            <li>
              {t('studioAdmin.transfer.shareCount', {
                count: summary.shares.length,
              })}
            </li>
          </ul>
          <button type="button" className="btn btn-primary" onClick={() => void run(false)}>
            {t('studioAdmin.transfer.apply')}
          </button>
        </div>
      )}
      {status.node}
    </form>
  );
}
