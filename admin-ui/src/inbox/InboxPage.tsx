/**
 * The task inbox (/inbox, and '/'): the lists mine / my groups' unclaimed / delegated / overdue with
 * their counts, filters, search, sort and saved filters; claim and unclaim in the row; overdue and
 * SLA state at a glance. Pages come from the server (limit + cursor); the live stream refreshes
 * the page when tasks come or change. Keyboard: the list tabs are a tablist (arrow keys), every
 * control is labelled, each row's task name is a link to the task page.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import {
  claimTask,
  deleteFilter,
  listTasks,
  saveFilter,
  savedFilters,
  taskCounts,
  taskPath,
  unclaimTask,
  watchTasks,
  type SavedFilter,
  type TaskCounts,
  type TaskItem,
  type TaskList,
  type TaskQuery,
} from '../api/tasks.js';
import { processName } from '../api/process.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { msg, useSay, type Message } from '../app/message.js';
import { Link, recordsPath } from '../app/router.js';
import { useCurrentUser } from '../app/session.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { DueState } from './DueState.js';
import { takeFlash } from './flash.js';
import './inbox.css';

const LISTS: { list: TaskList; label: MessageKey }[] = [
  { list: 'mine', label: 'inbox.list.mine' },
  { list: 'group', label: 'inbox.list.group' },
  { list: 'delegated', label: 'inbox.list.delegated' },
  { list: 'overdue', label: 'inbox.list.overdue' },
];
const SORTS: { sort: string; label: MessageKey }[] = [
  { sort: 'due:asc', label: 'inbox.sort.due' },
  { sort: 'created:desc', label: 'inbox.sort.created' },
  { sort: 'priority:desc', label: 'inbox.sort.priority' },
  { sort: 'name:asc', label: 'inbox.sort.name' },
];
const PAGE = 50;

/** The query without empty members (what the API and a saved filter get). */
function clean(q: TaskQuery): TaskQuery {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== '')) as unknown as TaskQuery;
}

export default function InboxPage() {
  const { t } = useI18n();
  const [query, setQuery] = useState<TaskQuery>({ list: 'mine', sort: 'due:asc' });
  const [search, setSearch] = useState('');
  const [items, setItems] = useState<TaskItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<TaskCounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [stale, setStale] = useState(0);
  const [filters, setFilters] = useState<SavedFilter[]>([]);
  // The processes of the tasks listed so far (key → name): the Process filter's choices.
  const [processes, setProcesses] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    if (items?.some((i) => !processes.has(i.processDefinitionKey)))
      setProcesses((known) => new Map([...known, ...items.map((i) => [i.processDefinitionKey, processName(i)] as const)]));
  }, [items, processes]);
  // After completing a task the inbox opens with what happened, and focus on its heading.
  const say = useSay(t);
  const [notice, setNotice] = useState<Message<MessageKey>>(() => takeFlash());
  const heading = useRef<HTMLHeadingElement>(null);
  const arrivedWithNotice = useRef(notice !== '');
  useEffect(() => {
    if (arrivedWithNotice.current) heading.current?.focus();
  }, []);

  const effective = clean({ ...query, q: search.trim() || undefined });
  const key = JSON.stringify(effective);

  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    const q = JSON.parse(key) as TaskQuery;
    const { list: _l, sort: _s, ...filtersOnly } = q;
    Promise.all([listTasks(q, { limit: PAGE }, controller.signal), taskCounts(filtersOnly, controller.signal)]).then(
      ([page, c]) => {
        setItems(page.items);
        setCursor(page.nextCursor);
        setCounts(c);
      },
      (e) => {
        if (!controller.signal.aborted) setError(e);
      },
    );
    return () => controller.abort();
  }, [key, stale]);

  // Live: a task created for me, or any change, refreshes the page (debounced: a burst is one refresh).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = watchTasks(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setStale((n) => n + 1), 300);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);

  useEffect(() => {
    savedFilters().then(setFilters, () => undefined);
  }, []);

  const more = async () => {
    if (!cursor) return;
    try {
      const page = await listTasks(effective, { limit: PAGE, cursor });
      setItems((prev) => [...(prev ?? []), ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  };

  const act = useCallback(
    async (fn: () => Promise<unknown>, message: MessageKey) => {
      try {
        await fn();
        setNotice(msg(message));
        setStale((n) => n + 1);
      } catch (e) {
        setError(e);
      }
    },
    [],
  );

  const set = (patch: Partial<TaskQuery>) => setQuery((q) => ({ ...q, ...patch }));

  return (
    <section className="inbox" aria-labelledby="inbox-title">
      <div className="page-head">
        <h1 id="inbox-title" ref={heading} tabIndex={-1}>
          {t('inbox.title')}
        </h1>
      </div>
      <ListTabs current={query.list} counts={counts} onSelect={(list) => set({ list })} />
      <Filters query={query} search={search} processes={processes} onSearch={setSearch} onChange={set} />
      <SavedFilters
        filters={filters}
        onApply={(f) => {
          setSearch(f.query.q ?? '');
          setQuery({ ...f.query, sort: f.query.sort && f.query.order ? `${f.query.sort.split(':')[0]}:${f.query.order}` : f.query.sort });
        }}
        onSave={async (name) => {
          try {
            const saved = await saveFilter(name, effective);
            setFilters((fs) => [...fs, saved].sort((a, b) => a.name.localeCompare(b.name)));
            setNotice(msg('inbox.filters.saved', { name }));
          } catch (e) {
            setError(e);
          }
        }}
        onDelete={async (f) => {
          try {
            await deleteFilter(f.id);
            setFilters((fs) => fs.filter((x) => x.id !== f.id));
          } catch (e) {
            setError(e);
          }
        }}
      />
      <p className="visually-hidden" role="status" aria-live="polite">
        {say(notice)}
      </p>
      {error !== null && <ErrorBanner error={error} onRetry={() => setStale((n) => n + 1)} />}
      <div role="tabpanel" id="inbox-panel" aria-labelledby={`inbox-tab-${query.list}`}>
        {items === null ? (
          <Loading />
        ) : items.length === 0 ? (
          <p className="empty">{t('inbox.empty')}</p>
        ) : (
          <TaskTable
            items={items}
            onClaim={(task) => act(() => claimTask(task.id), 'inbox.claimed')}
            onUnclaim={(task) => act(() => unclaimTask(task.id), 'inbox.unclaimed')}
          />
        )}
        {cursor && (
          <div className="list-foot">
            <button type="button" className="btn" onClick={more}>
              {t('inbox.more')}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

function ListTabs({ current, counts, onSelect }: { current: TaskList; counts: TaskCounts | null; onSelect(list: TaskList): void }) {
  const { t } = useI18n();
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = LISTS.findIndex((l) => l.list === current);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? LISTS.length - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const target = LISTS[(next + LISTS.length) % LISTS.length]!.list;
    onSelect(target);
    refs.current[target]?.focus();
  };
  return (
    <div className="inbox-tabs" role="tablist" aria-label={t('inbox.lists')} onKeyDown={onKey}>
      {LISTS.map(({ list, label }) => (
        <button
          key={list}
          ref={(el) => {
            refs.current[list] = el;
          }}
          type="button"
          role="tab"
          id={`inbox-tab-${list}`}
          aria-selected={current === list}
          aria-controls="inbox-panel"
          tabIndex={current === list ? 0 : -1}
          className={list === 'overdue' && (counts?.overdue ?? 0) > 0 ? 'tab-alert' : undefined}
          onClick={() => onSelect(list)}
        >
          {t(label)}
          <span className="count" data-testid={`count-${list}`}>
            {counts ? counts[list] : '…'}
          </span>
        </button>
      ))}
    </div>
  );
}

function Filters({
  query,
  search,
  processes,
  onSearch,
  onChange,
}: {
  query: TaskQuery;
  search: string;
  processes: ReadonlyMap<string, string>;
  onSearch(v: string): void;
  onChange(p: Partial<TaskQuery>): void;
}) {
  const { t } = useI18n();
  const choices = [...processes].sort((a, b) => a[1].localeCompare(b[1]));
  if (query.processKey && !processes.has(query.processKey)) choices.push([query.processKey, query.processKey]);
  const [draft, setDraft] = useState(search);
  useEffect(() => setDraft(search), [search]);
  // Search as one types, once typing pauses.
  useEffect(() => {
    const timer = setTimeout(() => onSearch(draft), 250);
    return () => clearTimeout(timer);
  }, [draft, onSearch]);
  return (
    <div className="toolbar inbox-filters">
      <label className="field">
        <span className="field-label">{t('inbox.search')}</span>
        <input type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder={t('inbox.searchPlaceholder')} />
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.filter.process')}</span>
        <select value={query.processKey ?? ''} onChange={(e) => onChange({ processKey: e.target.value || undefined })}>
          <option value="">{t('inbox.filter.anyProcess')}</option>
          {choices.map(([key, name]) => (
            <option key={key} value={key}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.filter.name')}</span>
        <input value={query.name ?? ''} onChange={(e) => onChange({ name: e.target.value || undefined })} />
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.filter.dueBefore')}</span>
        <input type="date" value={query.dueBefore?.slice(0, 10) ?? ''} onChange={(e) => onChange({ dueBefore: e.target.value || undefined })} />
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.filter.minPriority')}</span>
        <input type="number" min={0} max={100} value={query.minPriority ?? ''} onChange={(e) => onChange({ minPriority: e.target.value === '' ? undefined : Number(e.target.value) })} />
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.filter.record')}</span>
        <input value={query.record ?? ''} onChange={(e) => onChange({ record: e.target.value.trim() || undefined })} />
      </label>
      <label className="field">
        <span className="field-label">{t('inbox.sort')}</span>
        <select value={query.sort ?? 'due:asc'} onChange={(e) => onChange({ sort: e.target.value })}>
          {SORTS.map((s) => (
            <option key={s.sort} value={s.sort}>
              {t(s.label)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function SavedFilters({ filters, onApply, onSave, onDelete }: { filters: SavedFilter[]; onApply(f: SavedFilter): void; onSave(name: string): void; onDelete(f: SavedFilter): void }) {
  const { t } = useI18n();
  const [name, setName] = useState('');
  return (
    <div className="toolbar saved-filters">
      {filters.length > 0 && (
        <ul className="saved-filter-list" aria-label={t('inbox.filters.title')}>
          {filters.map((f) => (
            <li key={f.id}>
              <button type="button" className="btn btn-small" onClick={() => onApply(f)}>
                {f.name}
              </button>
              <button type="button" className="btn btn-small btn-icon" aria-label={t('inbox.filters.delete', { name: f.name })} onClick={() => onDelete(f)}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="save-filter"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) onSave(name.trim());
          setName('');
        }}
      >
        <label>
          <span className="visually-hidden">{t('inbox.filters.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder={t('inbox.filters.name')} />
        </label>
        <button type="submit" className="btn btn-small" disabled={!name.trim()}>
          {t('inbox.filters.save')}
        </button>
      </form>
    </div>
  );
}

function TaskTable({ items, onClaim, onUnclaim }: { items: TaskItem[]; onClaim(t: TaskItem): void; onUnclaim(t: TaskItem): void }) {
  const { t, formatDateTime } = useI18n();
  const me = useCurrentUser();
  return (
    <div className="table-wrap">
      <table className="inbox-table">
        <caption className="visually-hidden">{t('inbox.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('inbox.col.task')}</th>
            <th scope="col">{t('inbox.col.record')}</th>
            <th scope="col">{t('inbox.col.process')}</th>
            <th scope="col">{t('inbox.col.due')}</th>
            <th scope="col">{t('inbox.col.priority')}</th>
            <th scope="col">{t('inbox.col.created')}</th>
            <th scope="col">{t('inbox.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((task) => (
            <tr key={task.id} data-task={task.id}>
              <th scope="row">
                <Link to={taskPath(task.id)}>{task.name || task.taskDefinitionKey}</Link>
                {task.delegationState === 'PENDING' && <span className="chip">{t(task.owner === me.id ? 'inbox.delegatedByMe' : 'inbox.delegatedToMe')}</span>}
              </th>
              <td>{task.record ? <Link to={recordsPath(task.record.entity, task.record.id)}>{task.record.display}</Link> : <span className="muted">—</span>}</td>
              <td>{processName(task)}</td>
              <td>
                <DueState due={task.due} followUp={task.followUp} />
              </td>
              <td className="num">
                <span className={task.priority > 50 ? 'chip chip-high' : undefined}>{task.priority}</span>
              </td>
              <td>{task.created ? formatDateTime(task.created) : '—'}</td>
              <td className="row-actions">
                {task.assignee === null ? (
                  <button type="button" className="btn btn-small btn-primary" onClick={() => onClaim(task)} aria-label={t('inbox.claimLabel', { name: task.name ?? '' })}>
                    {t('inbox.claim')}
                  </button>
                ) : task.assignee === me.id && task.delegationState !== 'PENDING' ? (
                  <button type="button" className="btn btn-small" onClick={() => onUnclaim(task)} aria-label={t('inbox.unclaimLabel', { name: task.name ?? '' })}>
                    {t('inbox.unclaim')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
