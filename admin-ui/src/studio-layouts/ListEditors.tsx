/** The layout's ordered lists: the navigation menu and the home page's widgets. */
import { useState, type ReactNode } from 'react';
import { HOME_WIDGETS, NAVIGATION_AREAS, type HomeWidget, type NavigationArea, type HomeWidgetKind, type LayoutChoices, type NavigationEntry } from '../api/uiLayouts.js';
import type { Label } from '../api/types.js';
import { IssueText, move, Reorder, useIssueProps } from './issues.js';
import { useLayoutsI18n } from './messages.js';

type Edit<T> = { value: T[]; onChange(next: T[]): void; choices: LayoutChoices };

const RECORDS = 'records';

/** A label both of whose texts may be empty: absent then. */
const labelOf = (zh: string, en: string): Label | undefined => (zh || en ? { 'zh-CN': zh, en } : undefined);

export function NavigationEditor({ value, onChange, choices }: Edit<NavigationEntry>) {
  const { t, label } = useLayoutsI18n();
  return (
    <>
      <OrderedItems
        value={value}
        onChange={onChange}
        base="/navigation"
        empty={t('studioLayouts.navigation.empty')}
        name={(n) => t('studioLayouts.entry', { n })}
        row={(entry, at, set) => (
          <>
            <label className="field">
              <span className="field-label">{t('studioLayouts.entry.target')}</span>
              <select
                aria-label={t('studioLayouts.entry.target')}
                value={'area' in entry ? entry.area : RECORDS}
                onChange={(e) => set(e.target.value === RECORDS ? { entity: choices.entities[0]?.name ?? '' } : { area: e.target.value as NavigationArea })}
              >
                {NAVIGATION_AREAS.map((a) => (
                  <option key={a} value={a}>
                    {t(`studioLayouts.area.${a}`)}
                  </option>
                ))}
                <option value={RECORDS}>{t('studioLayouts.records')}</option>
              </select>
            </label>
            {'entity' in entry && <EntityTarget entry={entry} at={at} choices={choices} onChange={set} />}
            <LabelInputs value={entry.label} at={at} onChange={(l) => set({ ...entry, label: l })} />
          </>
        )}
      />
      <button type="button" className="btn btn-small" onClick={() => onChange([...value, { area: 'inbox' }])}>
        {t('studioLayouts.addEntry')}
      </button>
      <datalist id="sl-entities">
        {choices.entities.map((e) => (
          <option key={e.name} value={e.name}>
            {label(e.label, e.name)}
          </option>
        ))}
      </datalist>
    </>
  );
}

/**
 * One of the layout's ordered lists (`base`: its JSON path): each item a row of its controls
 * (`row`, given the item's path and a setter) with up / down / remove, its problems under it.
 */
function OrderedItems<T>({ value, onChange, base, empty, name, row }: { value: T[]; onChange(next: T[]): void; base: string; empty: string; name(n: number): string; row(item: T, at: string, set: (next: T) => void): ReactNode }) {
  return (
    <>
      {value.length === 0 && <p className="muted">{empty}</p>}
      <ol className="sl-list">
        {value.map((item, i) => {
          const what = name(i + 1);
          const at = `${base}/${i}`;
          return (
            <li key={i} className="sl-item" aria-label={what}>
              <div className="sl-row">
                {row(item, at, (next) => onChange(value.map((x, n) => (n === i ? next : x))))}
                <Reorder i={i} count={value.length} what={what} onMove={(by) => onChange(move(value, i, by))} onRemove={() => onChange(value.filter((_, n) => n !== i))} />
              </div>
              <IssueText path={at} below />
            </li>
          );
        })}
      </ol>
    </>
  );
}

function EntityTarget({ entry, at, choices, onChange }: { entry: { entity: string; view?: string; label?: Label }; at: string; choices: LayoutChoices; onChange(next: NavigationEntry): void }) {
  const { t, label } = useLayoutsI18n();
  const entityProps = useIssueProps(`${at}/entity`);
  const viewProps = useIssueProps(`${at}/view`);
  const { view: _view, ...rest } = entry;
  return (
    <>
      <label className="field">
        <span className="field-label">{t('studioLayouts.entry.entity')}</span>
        <input list="sl-entities" className="mono" value={entry.entity} {...entityProps} onChange={(e) => onChange({ ...rest, entity: e.target.value.trim() })} />
      </label>
      <label className="field">
        <span className="field-label">{t('studioLayouts.entry.view')}</span>
        <select aria-label={t('studioLayouts.entry.view')} value={entry.view ?? ''} {...viewProps} onChange={(e) => onChange(e.target.value ? { ...rest, view: e.target.value } : rest)}>
          <option value="">{t('studioLayouts.entry.anyView')}</option>
          {choices.views
            .filter((v) => v.entity === entry.entity || v.name === entry.view)
            .map((v) => (
              <option key={v.name} value={v.name}>
                {label(v.label, v.name)}
              </option>
            ))}
        </select>
      </label>
    </>
  );
}

export function LabelInputs({ value, at, onChange }: { value: Label | undefined; at: string; onChange(next: Label | undefined): void }) {
  const { t } = useLayoutsI18n();
  const zh = useIssueProps(`${at}/label/zh-CN`);
  const en = useIssueProps(`${at}/label/en`);
  return (
    <>
      <label className="field">
        <span className="field-label">{t('studioLayouts.labelZh')}</span>
        <input lang="zh-CN" value={value?.['zh-CN'] ?? ''} {...zh} onChange={(e) => onChange(labelOf(e.target.value, value?.en ?? ''))} />
      </label>
      <label className="field">
        <span className="field-label">{t('studioLayouts.labelEn')}</span>
        <input lang="en" value={value?.en ?? ''} {...en} onChange={(e) => onChange(labelOf(value?.['zh-CN'] ?? '', e.target.value))} />
      </label>
    </>
  );
}

export function HomeEditor({ value, onChange, choices }: Edit<HomeWidget>) {
  const { t, label } = useLayoutsI18n();
  const [adding, setAdding] = useState<HomeWidgetKind>('pipeline');
  const withKind = (w: HomeWidget, kind: HomeWidgetKind): HomeWidget => {
    const { view: _v, rows, ...rest } = w;
    return { ...rest, widget: kind, ...(kind === 'view' ? { view: choices.views[0]?.name ?? '' } : {}), ...(rows !== undefined && (kind === 'view' || kind === 'my-tasks') ? { rows } : {}) };
  };
  return (
    <>
      <OrderedItems
        value={value}
        onChange={onChange}
        base="/home"
        empty={t('studioLayouts.home.empty')}
        name={(n) => t('studioLayouts.widget', { n })}
        row={(w, at, set) => (
          <>
            <WidgetKind at={at} value={w.widget} onChange={(kind) => set(withKind(w, kind))} />
            {w.widget === 'view' && <ViewChoice at={at} value={w.view ?? ''} choices={choices} label={label} onChange={(view) => set({ ...w, view })} />}
            {(w.widget === 'view' || w.widget === 'my-tasks') && (
              <label className="field">
                <span className="field-label">{t('studioLayouts.widget.rows')}</span>
                <input type="number" min={1} max={50} value={w.rows ?? 5} onChange={(e) => set({ ...w, rows: Number(e.target.value) })} />
              </label>
            )}
          </>
        )}
      />
      <div className="sl-row">
        <label className="field">
          <span className="field-label">{t('studioLayouts.widget.kind')}</span>
          <select aria-label={t('studioLayouts.widget.kind')} value={adding} onChange={(e) => setAdding(e.target.value as HomeWidgetKind)}>
            <WidgetKindOptions />
          </select>
        </label>
        <button type="button" className="btn btn-small" onClick={() => onChange([...value, withKind({ widget: adding }, adding)])}>
          {t('studioLayouts.addWidget')}
        </button>
      </div>
    </>
  );
}

function WidgetKind({ at, value, onChange }: { at: string; value: HomeWidgetKind; onChange(kind: HomeWidgetKind): void }) {
  const { t } = useLayoutsI18n();
  const props = useIssueProps(`${at}/widget`);
  return (
    <label className="field">
      <span className="field-label">{t('studioLayouts.widget.kind')}</span>
      <select aria-label={t('studioLayouts.widget.kind')} value={value} {...props} onChange={(e) => onChange(e.target.value as HomeWidgetKind)}>
        <WidgetKindOptions />
      </select>
    </label>
  );
}

function ViewChoice({ at, value, choices, label, onChange }: { at: string; value: string; choices: LayoutChoices; label(l: Label | undefined, fallback?: string): string; onChange(view: string): void }) {
  const { t } = useLayoutsI18n();
  const props = useIssueProps(`${at}/view`);
  return (
    <label className="field">
      <span className="field-label">{t('studioLayouts.widget.view')}</span>
      <select aria-label={t('studioLayouts.widget.view')} value={value} {...props} onChange={(e) => onChange(e.target.value)}>
        {!choices.views.some((v) => v.name === value) && <option value={value}>{value}</option>}
        {choices.views.map((v) => (
          <option key={v.name} value={v.name}>
            {label(v.label, v.name)} ({v.entity})
          </option>
        ))}
      </select>
    </label>
  );
}

/** An `<option>` per kind of home widget. */
function WidgetKindOptions() {
  const { t } = useLayoutsI18n();
  return (
    <>
      {HOME_WIDGETS.map((k) => (
        <option key={k} value={k}>
          {t(`studioLayouts.kind.${k}`)}
        </option>
      ))}
    </>
  );
}
