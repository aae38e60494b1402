/**
 * The board: one column per value of the grouping field (stage, state), a card per record. Dragging
 * a card to another column — with the mouse, or the keyboard (Space, arrows, Space) — saves the new
 * value with the record's version; the server decides (state machine, field access, version): a
 * refusal is shown in its words and the card goes back where it was. Each column reads its own
 * records a page at a time (its count from the server, "Show more" for the next page), so a board
 * over thousands of records shows every column's true size and any of its cards.
 */
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useDraggable,
  useDroppable,
  useSensor,
  useSensors,
  type DragEndEvent,
  type KeyboardCoordinateGetter,
} from '@dnd-kit/core';
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { listRecords, updateRecord, type CrmRecord, type EntityMeta, type FieldMeta } from '../api/index.js';
import { ErrorBanner, Loading, useProblemMessage } from '../app/feedback.js';
import { Link, recordsPath } from '../app/router.js';
import { useBoardI18n } from './boardMessages.js';
import { cellValue, columnLabel, quoteFilterString, type Column } from './columns.js';
import { displayValue } from './fields.js';
import { FieldValue } from './FieldValue.js';

/** Cards a column reads at a time. */
const COLUMN_PAGE = 50;
const NONE = '__none__';

interface Props {
  entity: EntityMeta;
  field: FieldMeta;
  filter: string | object | undefined;
  /** Shown on each card below its name. */
  columns: Column[];
  expand: string[];
  dragAllowed: boolean;
}

/** Arrow keys jump a picked-up card to the column left or right of the one it is over. */
const columnJump: KeyboardCoordinateGetter = (event, { currentCoordinates, context }) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const rects = [...context.droppableRects.values()].sort((a, b) => a.left - b.left);
  const width = context.collisionRect?.width ?? 0;
  const centre = currentCoordinates.x + width / 2;
  const at = rects.findIndex((r) => centre >= r.left && centre < r.left + r.width);
  const next = rects[Math.max(0, Math.min(rects.length - 1, (at < 0 ? 0 : at) + (event.code === 'ArrowRight' ? 1 : -1)))];
  if (!next) return undefined;
  return { x: next.left + (next.width - width) / 2, y: currentCoordinates.y };
};

export function KanbanBoard({ entity, field, filter, columns, expand, dragAllowed }: Props) {
  const { t, label, locale } = useBoardI18n();
  const problemMessage = useProblemMessage();
  const [columnsState, setColumnsState] = useState<Record<string, ColumnPage> | null>(null);
  const [error, setError] = useState<unknown>(null);
  // Kept as what to say, not the words: a language switch re-says it (the server's reason stays as sent).
  const [message, setMessage] = useState<{ kind: 'ok' | 'refused'; name: string; to: string; reason?: unknown } | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [dragging, setDragging] = useState<CrmRecord | null>(null);

  const declared = useMemo(() => [...(field.enumValues ?? []), NONE], [field]);
  const readColumn = useCallback(
    (value: string, cursor: string | null) => listRecords(entity.name, { filter: columnFilter(filter, field.name, value), limit: COLUMN_PAGE, cursor, expand, count: cursor === null }),
    [entity.name, filter, field.name, expand],
  );
  const load = useCallback(() => {
    setError(null);
    Promise.all(declared.map((v) => readColumn(v, null))).then((pages) => {
      setColumnsState(Object.fromEntries(pages.map((page, i) => [declared[i]!, { items: page.items, nextCursor: page.nextCursor, total: page.count ?? page.items.length }])));
    }, setError);
  }, [declared, readColumn]);
  useEffect(load, [load]);
  const showMore = async (value: string) => {
    const current = columnsState?.[value];
    if (!current?.nextCursor) return;
    try {
      const page = await readColumn(value, current.nextCursor);
      setColumnsState((cs) => {
        const c = cs?.[value];
        if (!cs || !c) return cs;
        const known = new Set(c.items.map((r) => r.id));
        return { ...cs, [value]: { ...c, items: [...c.items, ...page.items.filter((r) => !known.has(r.id))], nextCursor: page.nextCursor } };
      });
    } catch (e) {
      setError(e);
    }
  };
  const records = useMemo(() => (columnsState ? Object.values(columnsState).flatMap((c) => c.items) : null), [columnsState]);

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: columnJump }));
  // The "(none)" column only when records without a value exist.
  const values = declared.filter((v) => v !== NONE || (columnsState?.[NONE]?.total ?? 0) > 0);
  const valueLabel = (v: string) => (v === NONE ? t('records.kanban.none') : label(field.enumLabels?.[v], v));
  const nameOf = (id: unknown) => {
    const r = records?.find((x) => x.id === id);
    return r ? displayValue(entity, r, locale) : String(id);
  };

  /** While a card is dragged, columns its state machine does not lead to are dimmed (the server still decides). */
  const unlikely = (v: string): boolean => {
    if (!dragging || !field.stateMachine) return false;
    const from = (dragging[field.name] as string | null | undefined) || NONE;
    const moves = field.stateMachine.transitions[from];
    return v !== from && moves !== undefined && !moves.includes(v);
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    setDragging(null);
    const record = records?.find((r) => r.id === active.id);
    if (!record || !over) return;
    const to = String(over.id);
    const from = (record[field.name] as string | null | undefined) || NONE;
    if (to === from) return;
    const name = displayValue(entity, record, locale);
    setSaving(record.id);
    setMessage(null);
    try {
      const saved = await updateRecord(entity.name, record.id, { [field.name]: to === NONE ? null : to, version: record.version });
      // Only what the move changed: the answer carries lookups as ids, the card shows them expanded.
      const moved = { ...record, version: saved.version, updatedAt: saved.updatedAt, [field.name]: saved[field.name] };
      const into = (saved[field.name] as string | null | undefined) || NONE;
      setColumnsState((cs) => {
        if (!cs) return cs;
        const next = { ...cs };
        const source = cs[from];
        if (source) next[from] = { ...source, items: source.items.filter((r) => r.id !== record.id), total: source.total - 1 };
        const target = next[into];
        if (target) next[into] = { ...target, items: [moved, ...target.items], total: target.total + 1 };
        return next;
      });
      setMessage({ kind: 'ok', name, to });
    } catch (e) {
      // The card was never moved in the state: it snaps back to its column.
      setMessage({ kind: 'refused', name, to, reason: e });
    } finally {
      setSaving(null);
    }
  };

  if (error !== null) return <ErrorBanner error={error} onRetry={load} />;
  if (!records || !columnsState) return <Loading />;
  const boardLabel = t('records.kanban.board', { entities: label(entity.pluralLabel, entity.name), field: label(field.label, field.name) });
  return (
    <section className="kanban" aria-label={boardLabel}>
      <p className="muted kanban-hint" id="kanban-hint">
        {dragAllowed ? t('records.kanban.dragHint') : t('records.kanban.noDrag')}
      </p>
      {message && (
        <p className={`banner ${message.kind === 'ok' ? 'banner-info' : 'banner-error'}`} role={message.kind === 'ok' ? 'status' : 'alert'} data-testid="kanban-message">
          {message.kind === 'ok'
            ? t('records.kanban.moved', { name: message.name, value: valueLabel(message.to) })
            : t('records.kanban.refused', { name: message.name, value: valueLabel(message.to), message: problemMessage(message.reason) })}
        </p>
      )}
      <DndContext
        sensors={sensors}
        collisionDetection={closestCenter}
        onDragStart={({ active }) => setDragging(records.find((r) => r.id === active.id) ?? null)}
        onDragCancel={() => setDragging(null)}
        onDragEnd={(e) => void onDragEnd(e)}
        accessibility={{
          screenReaderInstructions: { draggable: t('records.kanban.dragHint') },
          announcements: {
            onDragStart: ({ active }) => t('records.kanban.dragStart', { name: nameOf(active.id) }),
            onDragOver: ({ active, over }) => (over ? t('records.kanban.dragOver', { name: nameOf(active.id), value: valueLabel(String(over.id)) }) : undefined),
            onDragEnd: ({ active, over }) => (over ? t('records.kanban.dragOver', { name: nameOf(active.id), value: valueLabel(String(over.id)) }) : undefined),
            onDragCancel: ({ active }) => t('records.kanban.dragCancel', { name: nameOf(active.id) }),
          },
        }}
      >
        <div className="kanban-columns">
          {values.map((v) => {
            const column = columnsState[v] ?? { items: [], nextCursor: null, total: 0 };
            return (
              <KanbanColumn key={v} value={v} unlikely={unlikely(v)} title={t('records.kanban.column', { value: valueLabel(v), count: column.total })}>
                {column.items.map((r) => (
                  <KanbanCard key={r.id} record={r} entity={entity} columns={columns} disabled={!dragAllowed || saving !== null} busy={saving === r.id} />
                ))}
                {column.nextCursor !== null && (
                  <li className="kanban-more">
                    <button type="button" className="btn btn-small" onClick={() => void showMore(v)}>
                      {t('records.kanban.showMore', { shown: column.items.length, count: column.total })}
                    </button>
                  </li>
                )}
              </KanbanColumn>
            );
          })}
        </div>
      </DndContext>
    </section>
  );
}

interface ColumnPage {
  items: CrmRecord[];
  nextCursor: string | null;
  /** How many records the column holds (the server's count when it was read, kept up to date by moves). */
  total: number;
}

/** The board's filter narrowed to one column: the grouping field equal to its value (or empty, for "(none)"). */
function columnFilter(filter: string | object | undefined, field: string, value: string): string | object {
  if (typeof filter === 'string') return `(${filter}) and ${value === NONE ? `${field} isNull` : `${field} eq ${quoteFilterString(value)}`}`;
  const own = value === NONE ? { field, op: 'isNull', value: true } : { field, op: 'eq', value };
  return filter === undefined ? own : { and: [filter, own] };
}

function KanbanColumn({ value, title, unlikely, children }: { value: string; title: string; unlikely: boolean; children: ReactNode }) {
  const { setNodeRef, isOver } = useDroppable({ id: value });
  return (
    <section ref={setNodeRef} className={`kanban-column${isOver ? ' over' : ''}${unlikely ? ' unlikely' : ''}`} aria-label={title} data-column={value}>
      <h2>{title}</h2>
      <ul className="plain">{children}</ul>
    </section>
  );
}

function KanbanCard({ record, entity, columns, disabled, busy }: { record: CrmRecord; entity: EntityMeta; columns: Column[]; disabled: boolean; busy: boolean }) {
  const { label, locale } = useBoardI18n();
  const { setNodeRef, attributes, listeners, transform, isDragging } = useDraggable({ id: record.id, disabled });
  const style = transform ? { transform: `translate3d(${transform.x}px, ${transform.y}px, 0)` } : undefined;
  const name = displayValue(entity, record, locale);
  return (
    <li ref={setNodeRef} style={style} className={`kanban-card${isDragging ? ' dragging' : ''}${busy ? ' busy' : ''}`} data-record={record.id} {...attributes} {...listeners} aria-label={name}>
      <Link to={recordsPath(entity.name, record.id)} className="kanban-card-title" onKeyDown={(e) => e.stopPropagation()}>
        {name}
      </Link>
      {columns.map((c) => {
        const value = cellValue(record, c);
        if (value === undefined || value === null || value === '') return null;
        return (
          <span key={c.key} className={`kanban-card-field kind-${c.field?.kind ?? 'text'}`} title={columnLabel(c, label)}>
            <span className="visually-hidden">{columnLabel(c, label)}: </span>
            <FieldValue field={c.field} value={value} />
          </span>
        );
      })}
    </li>
  );
}
