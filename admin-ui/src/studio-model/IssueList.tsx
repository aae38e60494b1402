/** Validation problems, each linked to the entity and field it concerns; the outcome of an action; the page heading. */
import { useEffect, useRef, type ReactNode } from 'react';
import type { DraftIssue } from '../api/studioModel.js';
import { failed, useSay, type Message } from '../app/message.js';
import { Link } from '../app/router.js';
import { useStudioI18n as useI18n, type StudioKey } from './messages.js';

export const fieldAnchor = (field: string) => `sm-field-${field}`;

export function IssueList({ issues }: { issues: DraftIssue[] }) {
  const { t } = useI18n();
  if (!issues.length) return null;
  return (
    <ul className="sm-issues" aria-label={t('studioModel.issues', { count: issues.length })}>
      {issues.map((i, n) => (
        <li key={n}>
          {i.kind === 'entities' && i.document ? (
            <Link to={`/studio/model/entities/${i.document}${i.field ? `?field=${encodeURIComponent(i.field)}` : ''}`}>
              {i.file}
              {i.field ? ` · ${i.field}` : ''}
            </Link>
          ) : i.kind === 'triggers' && i.document ? (
            <Link to={`/studio/triggers/${encodeURIComponent(i.document)}`}>{i.file}</Link>
          ) : (
            <span className="mono">{i.file}</span>
          )}{' '}
          <code>{i.path || '/'}</code> — {i.message}
        </li>
      ))}
    </ul>
  );
}

/** What the last action came to: a status line, the server's refusal, the problems it found. */
export function Outcome({ status, error, issues }: { status: Message<StudioKey>; error: unknown; issues?: DraftIssue[] | null }) {
  const { t } = useI18n();
  const say = useSay(t);
  return (
    <>
      <p role="status" className="muted">
        {say(status)}
      </p>
      {error !== null && (
        <div className="banner banner-error" role="alert">
          <span>{say(failed(error))}</span>
        </div>
      )}
      {issues && <IssueList issues={issues} />}
    </>
  );
}

/** The page's heading, focused when the page opens (keyboard and screen-reader users start there). */
export function PageHead({ id, children }: { id: string; children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div className="page-head">
      <h1 id={id} tabIndex={-1} ref={ref}>
        {children}
      </h1>
    </div>
  );
}
