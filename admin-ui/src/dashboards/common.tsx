/** What the dashboard cards share: loading an endpoint, the card frame, number formats, list links. */
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError } from '../api/index.js';
import { ErrorBanner, Loading } from '../app/feedback.js';
import { recordsPath } from '../app/router.js';
import { useDashboardsI18n } from './messages.js';
import { quoteFilterString } from '../records/columns.js';

/** The product keeps amounts in one currency: Renminbi. */
const CURRENCY = 'CNY';

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'done'; data: T };

export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setLoaded({ state: 'done', data }),
      (error: unknown) => !controller.signal.aborted && setLoaded({ state: 'failed', error }),
    );
    return () => controller.abort();
  }, [load]);
  return loaded;
}

/** A dashboard card: its title, and the content once loaded (a role that may not read the records gets a note). */
export function Card<T>({ id, title, loaded, children }: { id: string; title: string; loaded: Loaded<T>; children(data: T): ReactNode }) {
  const { t } = useDashboardsI18n();
  return (
    <section className="dash-card" aria-labelledby={`${id}-title`} data-card={id}>
      <h2 id={`${id}-title`}>{title}</h2>
      {loaded.state === 'loading' && <Loading />}
      {loaded.state === 'failed' &&
        (isApiError(loaded.error) && loaded.error.status === 403 ? <p className="muted">{t('dashboards.notAllowed')}</p> : <ErrorBanner error={loaded.error} />)}
      {loaded.state === 'done' && children(loaded.data)}
    </section>
  );
}

export function useFormats() {
  const { formatNumber } = useDashboardsI18n();
  return useMemo(() => formats(formatNumber), [formatNumber]);
}

function formats(formatNumber: (n: number, options?: Intl.NumberFormatOptions) => string) {
  return {
    count: (n: number) => formatNumber(n),
    money: (n: number) => formatNumber(n, { style: 'currency', currency: CURRENCY, maximumFractionDigits: 0 }),
    /** Short amounts for axes: 1.2万 / 12K. */
    compact: (n: number) => formatNumber(n, { notation: 'compact', maximumFractionDigits: 1 }),
    percent: (r: number | null) => (r === null ? '—' : formatNumber(r, { style: 'percent', maximumFractionDigits: 0 })),
  };
}

/** `field in ('a','b')` (or `eq` for one value) in the records API's filter language. */
export function valuesFilter(field: string, values: string[]): string {
  return values.length === 1 ? `${field} eq ${quoteFilterString(values[0]!)}` : `${field} in (${values.map(quoteFilterString).join(', ')})`;
}

/** The record list of `entity` under `filter`, with `label` saying it in words. */
export function listPath(entity: string, filter: string, label: string): string {
  return `${recordsPath(entity)}?${new URLSearchParams({ filter, filterLabel: label }).toString()}`;
}
