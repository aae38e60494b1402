/**
 * Camunda's REST date format, `yyyy-MM-dd'T'HH:mm:ss.SSSZ` (e.g. `2024-05-01T09:30:00.000+0000`).
 * We write UTC; we read any offset (`+0200`, `+02:00`, `Z`) and, leniently, no offset as UTC.
 */

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `d` as Camunda writes dates. Drivers hand timestamps as Date or as text (MikroORM's pool: text). */
export function formatDate(value: Date | string): string {
  const d = value instanceof Date ? value : new Date(value);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}+0000`
  );
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(Z|[+-]\d{2}:?\d{2})?$/;

/** The instant `text` names, or null when it is not a Camunda date. */
export function parseDate(text: string): Date | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s, ms = '0', zone = 'Z'] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s, +ms.padEnd(3, '0'));
  const check = new Date(utc);
  if (check.getUTCMonth() !== +mo - 1 || check.getUTCDate() !== +d || +h > 23 || +mi > 59 || +s > 59) return null;
  if (zone === 'Z') return check;
  const sign = zone[0] === '-' ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return new Date(utc - offsetMinutes * 60_000);
}
