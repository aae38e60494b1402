/**
 * Problems at their controls: the server's issues (JSON Pointers into the layout document, e.g.
 * `/navigation/2/entity`, `/records/opportunity/sections/0/fields/1`) mark the control editing that
 * part invalid and show the message under it. `move` and `Reorder` give lists keyboard-operable
 * up / down / remove buttons.
 */
import { createContext, useContext } from 'react';
import type { LayoutIssue } from '../api/uiLayouts.js';
import { useLayoutsI18n } from './messages.js';

export const IssuesContext = createContext<LayoutIssue[]>([]);

const idOf = (path: string) => `issue${path.replace(/[^a-zA-Z0-9]+/g, '-')}`;

/** aria props for the control editing `path` (its own issues only). */
export function useIssueProps(path: string): { 'aria-invalid'?: true; 'aria-describedby'?: string } {
  const issues = useContext(IssuesContext);
  return issues.some((i) => i.path === path) ? { 'aria-invalid': true, 'aria-describedby': idOf(path) } : {};
}

/** The messages of the control editing `path` (with `below`, of everything under it too). */
export function IssueText({ path, below }: { path: string; below?: boolean }) {
  const issues = useContext(IssuesContext).filter((i) => i.path === path || (below && i.path.startsWith(path + '/')));
  if (!issues.length) return null;
  return (
    <ul className="field-errors" id={idOf(path)}>
      {issues.map((i, n) => (
        <li key={n}>{i.message}</li>
      ))}
    </ul>
  );
}

export function move<T>(list: T[], i: number, by: number): T[] {
  const next = [...list];
  const [item] = next.splice(i, 1);
  next.splice(i + by, 0, item!);
  return next;
}

/** Up / down / remove buttons for item `i` of `count`, named after `what` ("Menu entry 2"). */
export function Reorder({ i, count, what, onMove, onRemove }: { i: number; count: number; what: string; onMove(by: number): void; onRemove(): void }) {
  const { t } = useLayoutsI18n();
  return (
    <span className="sl-reorder">
      <button type="button" className="btn btn-small" disabled={i === 0} aria-label={t('studioLayouts.up', { what })} onClick={() => onMove(-1)}>
        ↑
      </button>
      <button type="button" className="btn btn-small" disabled={i === count - 1} aria-label={t('studioLayouts.down', { what })} onClick={() => onMove(1)}>
        ↓
      </button>
      <button type="button" className="btn btn-small" aria-label={t('studioLayouts.remove', { what })} onClick={onRemove}>
        ✕
      </button>
    </span>
  );
}
