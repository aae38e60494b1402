/**
 * A task's due date with its SLA state at a glance: overdue (past due), due soon (within a day),
 * on time — in words as well as colour — and its follow-up date when it has one.
 */
import { useI18n } from '../i18n/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Camunda dates end in `+0000`: make them ISO for Date. */
export const instant = (camunda: string) => new Date(camunda.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

export type SlaState = 'overdue' | 'soon' | 'ok' | 'none';

export function slaState(due: string | null, now = Date.now()): SlaState {
  if (!due) return 'none';
  const at = instant(due).getTime();
  return at < now ? 'overdue' : at - now < DAY_MS ? 'soon' : 'ok';
}

export function DueState({ due, followUp }: { due: string | null; followUp: string | null }) {
  const { t, formatDateTime } = useI18n();
  const state = slaState(due);
  return (
    <span className="due-state">
      {due ? <span>{formatDateTime(instant(due).toISOString())}</span> : <span className="muted">{t('inbox.noDue')}</span>}
      {state === 'overdue' && <span className="chip sla-overdue">{t('inbox.sla.overdue')}</span>}
      {state === 'soon' && <span className="chip sla-soon">{t('inbox.sla.soon')}</span>}
      {followUp && <span className="muted follow-up">{t('inbox.followUpOn', { date: formatDateTime(instant(followUp).toISOString()) })}</span>}
    </span>
  );
}
