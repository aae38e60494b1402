/**
 * Record export (`GET /api/records/:entity/export`): the records of one entity the user may read,
 * filtered, sorted and narrowed to fields exactly like the list endpoint, as CSV or JSON.
 *
 * - The role needs `read` and `export` on the entity (checked by the route); rows carry the read
 *   access predicate; fields hidden for the role are absent (the model is the user's, `modelFor`).
 * - Pages of EXPORT_PAGE records are read with the list's keyset cursor, each its own statement,
 *   and written as they come (never one giant query or string; no connection is held while a slow
 *   client reads). Records changed during a long export may be missed or appear in their new place,
 *   as when paging through the list.
 * - At most EXPORT_MAX records: a larger export is refused (400 naming `filter`) before anything is
 *   sent. The export is audited (`record.export`, with count, filter, format and fields) before the
 *   first byte leaves, in its own statement: no data goes out unrecorded.
 * - CSV: UTF-8 with a BOM (Excel then reads Chinese text correctly), CRLF line ends, a header row of
 *   field labels in the user's locale (or API names with `header=names`); a text cell that a
 *   spreadsheet would run as a formula (`=`, `@`, `+`/`-` not followed by a plain number…) is
 *   prefixed with `'`. JSON: `{"items": [...]}`, the records as the list endpoint returns them.
 */
import { stringify } from 'csv-stringify/sync';
import type { CompiledEntity, CompiledModel, Label } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import { auditEvent } from '../audit/events.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { decodeRow, type ListQuery } from './query.js';
import { listQueryFrom, listRecords } from './read.js';

export const EXPORT_PAGE = 1000;
export const EXPORT_MAX = 100_000;
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export const EXPORT_HEADERS = ['labels', 'names'] as const;

/** Query parameters an export understands; any other one is a 400 naming it. */
const PARAMS = new Set(['format', 'header', 'filter', 'sort', 'fields', 'deleted']);

export interface ExportOptions {
  format: ExportFormat;
  header: (typeof EXPORT_HEADERS)[number];
  query: Pick<ListQuery, 'filter' | 'sort' | 'fields' | 'includeDeleted' | 'onlyDeleted'>;
  /** The filter as the caller wrote it (for the audit event). */
  filterText: unknown;
}

const badRequest = (path: string, message: string): AppError => new AppError('bad-request', message, [{ path, message }]);

/** `?format=csv|json&header=labels|names&filter=…&sort=…&fields=…&deleted=…` → checked options. */
export function exportOptionsFrom(input: Record<string, unknown>, vars: Record<string, string>): ExportOptions {
  for (const key of Object.keys(input)) if (!PARAMS.has(key)) throw badRequest(key, `unknown export parameter '${key}' (known: ${[...PARAMS].join(', ')})`);
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T => {
    const v = input[key] ?? allowed[0];
    if (!allowed.includes(v as T)) throw badRequest(key, `${key} must be one of: ${allowed.join(', ')}`);
    return v as T;
  };
  const { filter, sort, fields, includeDeleted, onlyDeleted } = listQueryFrom(input, vars);
  return { format: oneOf('format', EXPORT_FORMATS), header: oneOf('header', EXPORT_HEADERS), query: { filter, sort, fields, includeDeleted, onlyDeleted }, filterText: input.filter ?? null };
}

/** Labels of the system columns (the admin UI's words). */
const SYSTEM_LABELS: Record<string, Label> = {
  id: { 'zh-CN': 'ID', en: 'ID' },
  version: { 'zh-CN': '版本', en: 'Version' },
  ownerId: { 'zh-CN': '负责人', en: 'Owner' },
  createdAt: { 'zh-CN': '创建时间', en: 'Created' },
  createdBy: { 'zh-CN': '创建人', en: 'Created by' },
  updatedAt: { 'zh-CN': '最后修改时间', en: 'Last modified' },
  updatedBy: { 'zh-CN': '修改人', en: 'Modified by' },
  deletedAt: { 'zh-CN': '删除时间', en: 'Deleted' },
  deletedBy: { 'zh-CN': '删除人', en: 'Deleted by' },
};

/** The exported fields, in the order the list endpoint returns them (id and version first). */
function exportedFields(model: CompiledModel, entity: CompiledEntity, fields: string[] | undefined): string[] {
  // decodeRow of an empty row yields exactly the selected fields, in order (all null).
  return Object.keys(decodeRow(model, entity.name, {}, { fields }));
}

function headerOf(entity: CompiledEntity, names: string[], header: ExportOptions['header'], locale: string): string[] {
  if (header === 'names') return names;
  const lang: keyof Label = locale === 'en' ? 'en' : 'zh-CN';
  const fields = new Map(entity.fields.map((f) => [f.name, f.label]));
  return names.map((n) => (fields.get(n) ?? SYSTEM_LABELS[n])?.[lang] ?? n);
}

/** `+86 138…`, `-12.5`: a sign followed by a plain number is data, not a formula. */
const PLAIN_NUMBER = /^[+-][\d\s().,+-]*$/;

/** A text cell a spreadsheet would evaluate (formula injection) is prefixed with `'`. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  const s = String(v);
  if (typeof v !== 'string') return s;
  return /^[=@\t\r]/.test(s) || (/^[+-]/.test(s) && !PLAIN_NUMBER.test(s)) ? `'${s}` : s;
}

/** How one format writes the export: the opening (with the header), a page of records, the close. */
interface Encoder {
  contentType: string;
  begin(): string;
  page(items: Record<string, unknown>[], first: boolean): string;
  end(): string;
}

const ENCODERS: Record<ExportFormat, (names: string[], header: string[]) => Encoder> = {
  csv: (names, header) => ({
    contentType: 'text/csv; charset=utf-8',
    begin: () => stringify([header], { bom: true, record_delimiter: 'windows' }),
    page: (items) => stringify(items.map((r) => names.map((n) => csvCell(r[n]))), { record_delimiter: 'windows' }),
    end: () => '',
  }),
  json: () => ({
    contentType: 'application/json; charset=utf-8',
    begin: () => '{"items":[',
    page: (items, first) => (first ? '' : ',') + items.map((r) => JSON.stringify(r)).join(','),
    end: () => ']}\n',
  }),
};

/** Where an export goes: the HTTP response, in the route. */
export interface ExportOutput {
  /** Once, after the checks and the audit event, before the first chunk. */
  start(head: { contentType: string; filename: string }): void;
  /** Resolves false when the receiver went away: the export stops. */
  write(chunk: string): Promise<boolean>;
}

/**
 * Export the records of `entity` the user may read (`model` is the user's, `modelFor`; the route
 * has checked `read` and `export`). Resolves with the number of records written (fewer than
 * matched when the receiver went away).
 */
export async function exportRecords(db: Queryable, user: User, model: CompiledModel, entity: CompiledEntity, opts: ExportOptions, out: ExportOutput): Promise<number> {
  const names = exportedFields(model, entity, opts.query.fields);
  const enc = ENCODERS[opts.format](names, headerOf(entity, names, opts.header, user.locale));
  const ctx = { q: db, user, model };
  let page = await listRecords(ctx, entity, { ...opts.query, limit: EXPORT_PAGE, count: true });
  const count = page.count ?? 0;
  if (count > EXPORT_MAX) throw badRequest('filter', `an export holds at most ${EXPORT_MAX} records and this one matches ${count}: narrow the filter`);
  await auditEvent(db, { actorId: user.id, kind: 'record.export', target: entity.name, detail: { count, filter: opts.filterText, format: opts.format, fields: names } });
  out.start({ contentType: enc.contentType, filename: `${entity.name}-${new Date().toISOString().slice(0, 10)}.${opts.format}` });
  if (!(await out.write(enc.begin()))) return 0;
  let written = 0;
  for (;;) {
    if (page.items.length > 0 && !(await out.write(enc.page(page.items, written === 0)))) return written;
    written += page.items.length;
    if (page.nextCursor === null || written >= EXPORT_MAX) break;
    page = await listRecords(ctx, entity, { ...opts.query, limit: EXPORT_PAGE, cursor: page.nextCursor });
  }
  await out.write(enc.end());
  return written;
}
