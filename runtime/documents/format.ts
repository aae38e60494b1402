/**
 * A field's value as printed on a form, always in Chinese (zh-CN): money in the record's currency
 * (`¥12,000.00`), percentages, dates as `2026年11月24日`, times in China Standard Time, enum values by
 * their Chinese labels, yes/no as 是/否. Nothing (null, absent) prints as an empty string.
 */
import type { CompiledField } from '../../metadata/index.js';

const TIME_ZONE = 'Asia/Shanghai';
const number = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4 });
const dateTime = new Intl.DateTimeFormat('zh-CN', { timeZone: TIME_ZONE, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const moneyFormats = new Map<string, Intl.NumberFormat>();

export function formatMoney(value: number, currency = 'CNY'): string {
  let f = moneyFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('zh-CN', { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });
    }
    moneyFormats.set(currency, f);
  }
  return f.format(value);
}

/** `2026-11-24` → `2026年11月24日` (a date has no time zone: printed as written). */
export function formatDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : value;
}

export const formatDateTime = (value: string | Date): string => {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? String(value) : dateTime.format(d);
};

/** `field` absent: a system field (createdAt… as times, the rest as they are). */
export function formatValue(field: Pick<CompiledField, 'kind' | 'enumLabels'> | undefined, value: unknown, currency?: string): string {
  if (value === null || value === undefined || value === '') return '';
  switch (field?.kind) {
    case 'money':
      return formatMoney(Number(value), currency);
    case 'percent':
      return `${number.format(Number(value))}%`;
    case 'integer':
    case 'number':
      return number.format(Number(value));
    case 'boolean':
      return value ? '是' : '否';
    case 'date':
      return formatDate(String(value));
    case 'datetime':
      return formatDateTime(String(value));
    case 'enum':
      return field.enumLabels?.[String(value)]?.['zh-CN'] ?? String(value);
    case 'json':
      return Array.isArray(value) ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join('、') : JSON.stringify(value);
    case undefined:
      return value instanceof Date || /^\d{4}-\d{2}-\d{2}T/.test(String(value)) ? formatDateTime(value as string) : String(value);
    default:
      return String(value);
  }
}
