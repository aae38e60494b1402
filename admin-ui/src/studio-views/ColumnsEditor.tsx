/**
 * A view's columns in order: each a drop-down of the fields and lookup paths (`account.name`) the
 * view may show — a column the model does not know stays chosen, marked, with the server's issue
 * under it. Reordered with the Move up / Move down buttons (focus follows the column) or by
 * dragging a row onto another.
 */
import { useRef, useState } from 'react';
import type { EntityMeta } from '../api/types.js';
import { FieldMessages, type FormErrors } from '../studio-admin/errors.js';
import type { ColumnChoice } from './model.js';
import { useViewsI18n } from './messages.js';

export function ColumnsEditor({ choices, columns, onChange, errors }: { entity: EntityMeta; choices: ColumnChoice[]; columns: string[]; onChange(columns: string[]): void; errors: FormErrors }) {
  const { t, label } = useViewsI18n();
  const [adding, setAdding] = useState('');
  const [announce, setAnnounce] = useState('');
  const dragFrom = useRef<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  const known = new Map(choices.map((c) => [c.path, c]));
  const nameOf = (path: string) => {
    const c = known.get(path);
    if (!c) return path;
    const own = label(c.field.label, c.field.name);
    return c.via ? `${label(c.via.label, c.via.name)} › ${own}` : own;
  };
  const move = (from: number, to: number, focus?: string) => {
    if (to < 0 || to >= columns.length || from === to) return;
    const next = [...columns];
    const [item] = next.splice(from, 1);
    next.splice(to, 0, item!);
    onChange(next);
    setAnnounce(t('studioViews.moved', { column: nameOf(item!), n: to + 1 }));
    // The button pressed moves with its column; keep the keyboard where it was.
    if (focus) requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`[data-focus="${focus}-${to}"]`)?.focus());
  };
  const free = choices.filter((c) => !columns.includes(c.path));
  return (
    <>
      <ol className="sv-columns" ref={list}>
        {columns.map((path, i) => {
          const n = i + 1;
          return (
            <li
              key={`${path}-${i}`}
              draggable
              onDragStart={(e) => {
                dragFrom.current = i;
                e.dataTransfer.effectAllowed = 'move';
                e.dataTransfer.setData('text/plain', path);
              }}
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragFrom.current !== null) move(dragFrom.current, i);
                dragFrom.current = null;
              }}
            >
              <span className="sv-grip" aria-hidden="true">
                ⠿
              </span>
              <select aria-label={t('studioViews.column', { n })} value={path} {...errors.control(`/columns/${i}`)} onChange={(e) => onChange(columns.map((c, j) => (j === i ? e.target.value : c)))}>
                {!known.has(path) && <option value={path}>{t('studioViews.columnUnknown', { path })}</option>}
                {choices
                  .filter((c) => c.path === path || !columns.includes(c.path))
                  .map((c) => (
                    <option key={c.path} value={c.path}>
                      {nameOf(c.path)} ({c.path})
                    </option>
                  ))}
              </select>
              <button type="button" className="btn btn-small" data-focus={`up-${i}`} aria-label={t('studioViews.moveUp', { n })} disabled={i === 0} onClick={() => move(i, i - 1, 'up')}>
                ↑
              </button>
              <button type="button" className="btn btn-small" data-focus={`down-${i}`} aria-label={t('studioViews.moveDown', { n })} disabled={i === columns.length - 1} onClick={() => move(i, i + 1, 'down')}>
                ↓
              </button>
              <button type="button" className="btn btn-small" aria-label={t('studioViews.removeColumn', { n })} disabled={columns.length === 1} onClick={() => onChange(columns.filter((_, j) => j !== i))}>
                {t('studioViews.remove')}
              </button>
              <FieldMessages errors={errors} path={`/columns/${i}`} />
            </li>
          );
        })}
      </ol>
      <FieldMessages errors={errors} path="/columns" />
      <div className="sv-add">
        <select aria-label={t('studioViews.addColumnChoice')} value={adding} onChange={(e) => setAdding(e.target.value)}>
          <option value="">{t('studioViews.chooseColumn')}</option>
          {free.map((c) => (
            <option key={c.path} value={c.path}>
              {nameOf(c.path)} ({c.path})
            </option>
          ))}
        </select>
        <button
          type="button"
          className="btn btn-small"
          disabled={!adding}
          onClick={() => {
            onChange([...columns, adding]);
            setAdding('');
          }}
        >
          {t('studioViews.addColumn')}
        </button>
      </div>
      <p className="sv-sr" role="status">
        {announce}
      </p>
    </>
  );
}
