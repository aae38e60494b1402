/**
 * A document template filled for one record, as the reader may see it: the record and every record
 * a placeholder reaches through lookups are read through the records read path (access predicate,
 * fields hidden from the reader's role absent), so a placeholder for something the reader may not
 * read prints empty, a field grid leaves such a field out and a line table such a column. The result
 * (`FilledDocument`) is plain text per block, what `renderPdf` lays out.
 */
import Mustache from 'mustache';
import { placeholderNames, type CompiledEntity, type CompiledModel, type DocumentBlock, type DocumentTemplateDocument } from '../../metadata/index.js';
import { assertCan, can } from '../access/index.js';
import { AppError } from '../errors.js';
import { getRecord, listRecords, listQueryFrom, type ReadContext } from '../records/read.js';
import { formatMoney, formatValue } from './format.js';

export type Align = 'left' | 'center' | 'right';
export type FilledBlock =
  | { type: 'heading'; text: string; level: 1 | 2 }
  | { type: 'paragraph'; text: string; align: Align }
  | { type: 'fields'; columns: 1 | 2; items: { label: string; value: string }[] }
  | { type: 'lines'; columns: { label: string; width: number; align: Align }[]; rows: string[][]; totals: string[] | null; empty: string }
  | { type: 'signatures'; labels: string[] }
  | { type: 'spacer'; heightMm: number };

export interface FilledDocument {
  title: string;
  page: { size: 'A4' | 'A5' | 'LETTER'; orientation: 'portrait' | 'landscape'; marginMm: number };
  blocks: FilledBlock[];
}

type Rec = Record<string, unknown>;
/** A looked-up record in mustache data: its fields for `{{account.name}}`, its display value for `{{account}}`. */
class Related {
  constructor(
    readonly fields: Rec,
    private readonly display: string,
  ) {
    Object.assign(this, fields);
  }
  toString(): string {
    return this.display;
  }
}

const PLAIN = { escape: (value: unknown) => String(value) };

/** Reads records for one document, each related record once, refusing nothing: what the reader may not read is null. */
class Reader {
  private cache = new Map<string, Promise<Rec | null>>();
  constructor(readonly ctx: ReadContext) {}

  entity(name: string): CompiledEntity | undefined {
    const e = this.ctx.model.entities[name];
    return e && !e.hidden && can(this.ctx.user, this.ctx.model, name, 'read') ? e : undefined;
  }

  related(entity: string, id: unknown): Promise<Rec | null> {
    const e = this.entity(entity);
    if (!e || typeof id !== 'string') return Promise.resolve(null);
    const key = `${entity}:${id}`;
    if (!this.cache.has(key)) this.cache.set(key, getRecord(this.ctx, e, id).catch(() => null));
    return this.cache.get(key)!;
  }

  /** The printed value of `path` (`amount`, `account`, `request.account.name`) from `record` of `entity`, or null when the reader may not see it. */
  async value(entity: CompiledEntity, record: Rec, path: string): Promise<{ text: string; label: string } | null> {
    const [head, ...rest] = path.split('.');
    const field = entity.fields.find((f) => f.name === head && !f.hidden);
    if (!field) return head in record ? { text: formatValue(undefined, record[head]), label: head } : null;
    if (field.lookup && record[head] !== null && record[head] !== undefined) {
      const target = this.entity(field.lookup.entity);
      const related = target ? await this.related(target.name, record[head]) : null;
      if (!target || !related) return rest.length ? null : { text: '', label: field.label['zh-CN'] };
      if (!rest.length) return { text: (await this.value(target, related, target.displayField))?.text ?? '', label: field.label['zh-CN'] };
      return this.value(target, related, rest.join('.'));
    }
    if (rest.length) return { text: '', label: lastLabel(this.ctx.model, field.lookup?.entity, rest) ?? field.label['zh-CN'] };
    const currency = typeof record.currency === 'string' ? record.currency : undefined;
    return { text: formatValue(field, record[head], currency), label: field.label['zh-CN'] };
  }

  /** Mustache data for `names` (validated paths): a lookup with deeper names is a `Related` whose text is its display value. */
  async view(entity: CompiledEntity, record: Rec, names: string[]): Promise<Rec> {
    const groups = new Map<string, string[]>();
    for (const name of names) {
      const [head, ...rest] = name.split('.');
      groups.set(head, [...(groups.get(head) ?? []), ...(rest.length ? [rest.join('.')] : [])]);
    }
    const out: Rec = {};
    for (const [head, deeper] of groups) {
      const display = (await this.value(entity, record, head))?.text ?? '';
      const field = deeper.length ? entity.fields.find((f) => f.name === head && f.lookup && !f.hidden) : undefined;
      const target = field?.lookup ? this.entity(field.lookup.entity) : undefined;
      const related = target ? await this.related(target.name, record[head]) : null;
      out[head] = target && related ? new Related(await this.view(target, related, deeper), display) : display;
    }
    return out;
  }
}

function lastLabel(model: CompiledModel, entity: string | undefined, path: string[]): string | undefined {
  let e = entity ? model.entities[entity] : undefined;
  for (let i = 0; e && i < path.length; i++) {
    const f = e.fields.find((x) => x.name === path[i]);
    if (i === path.length - 1) return f?.label['zh-CN'];
    e = f?.lookup ? model.entities[f.lookup.entity] : undefined;
  }
  return undefined;
}

async function fillText(reader: Reader, entity: CompiledEntity, record: Rec, text: string): Promise<string> {
  return Mustache.render(text, await reader.view(entity, record, placeholderNames(text)), {}, PLAIN);
}

async function fillBlock(reader: Reader, entity: CompiledEntity, record: Rec, block: DocumentBlock): Promise<FilledBlock | null> {
  switch (block.type) {
    case 'heading':
      return { type: 'heading', text: await fillText(reader, entity, record, block.text), level: block.level ?? 1 };
    case 'paragraph': {
      // A paragraph left empty (its placeholders had no values) takes no room.
      const text = await fillText(reader, entity, record, block.text);
      return text.trim() ? { type: 'paragraph', text, align: block.align ?? 'left' } : null;
    }
    case 'fields': {
      const items: { label: string; value: string }[] = [];
      for (const f of block.fields) {
        const v = await reader.value(entity, record, f.field);
        if (v) items.push({ label: f.label ?? v.label, value: v.text });
      }
      return { type: 'fields', columns: block.columns ?? 2, items };
    }
    case 'lines':
      return fillLines(reader, entity, record, block);
    case 'signatures':
      return { type: 'signatures', labels: block.labels };
    case 'spacer':
      return { type: 'spacer', heightMm: block.heightMm ?? 6 };
  }
}

async function fillLines(reader: Reader, entity: CompiledEntity, record: Rec, block: Extract<DocumentBlock, { type: 'lines' }>): Promise<FilledBlock> {
  const lineEntity = reader.entity(block.entity);
  const visible = lineEntity?.fields.some((f) => f.name === block.via && !f.hidden);
  const items =
    lineEntity && visible
      ? (
          await listRecords(
            reader.ctx,
            lineEntity,
            listQueryFrom({ filter: { field: block.via, op: 'eq', value: record.id }, sort: block.sort ? [{ field: block.sort.field, direction: block.sort.direction ?? 'asc' }] : undefined, limit: 1000 }),
          )
        ).items
      : [];
  // A column whose field the reader may not see is left out (its head too).
  const columns = block.columns.filter((c) => {
    const head = c.field.split('.')[0];
    return lineEntity?.fields.some((f) => f.name === head && !f.hidden);
  });
  const rows: string[][] = [];
  for (const item of items) rows.push(await Promise.all(columns.map(async (c) => (await reader.value(lineEntity!, item, c.field))?.text ?? '')));
  const labels = await Promise.all(
    columns.map(async (c) => c.label ?? lastLabel(reader.ctx.model, block.entity, c.field.split('.')) ?? c.field),
  );
  const currency = typeof record.currency === 'string' ? record.currency : undefined;
  const totals = block.totals?.length
    ? columns.map((c, i) => {
        if (!block.totals!.includes(c.field)) return i === 0 ? '合计' : '';
        const sum = items.reduce((s, it) => s + (Number(it[c.field]) || 0), 0);
        const kind = lineEntity!.fields.find((f) => f.name === c.field)?.kind;
        return kind === 'money' ? formatMoney(sum, currency) : formatValue({ kind: kind ?? 'number' }, sum);
      })
    : null;
  return {
    type: 'lines',
    columns: columns.map((c, i) => ({ label: labels[i], width: c.width ?? 1, align: c.align ?? 'left' })),
    rows,
    totals,
    empty: block.empty ?? '',
  };
}

/** Fill `template` for record `id` as `ctx.user` may see it (404 when they may not read it). */
export async function fillDocument(ctx: ReadContext, template: DocumentTemplateDocument, id: string): Promise<FilledDocument> {
  const reader = new Reader(ctx);
  assertCan(ctx.user, ctx.model, template.entity, 'read');
  const entity = reader.entity(template.entity);
  if (!entity) throw new AppError('not-found', `${template.entity} ${id} not found`);
  const record = await getRecord(ctx, entity, id);
  const blocks: FilledBlock[] = [];
  for (const block of template.body) {
    const filled = await fillBlock(reader, entity, record, block);
    if (filled) blocks.push(filled);
  }
  const page = template.page ?? {};
  return {
    title: `${template.label['zh-CN']} ${String((await reader.value(entity, record, entity.displayField))?.text ?? '')}`.trim(),
    page: { size: page.size ?? 'A4', orientation: page.orientation ?? 'portrait', marginMm: page.marginMm ?? 18 },
    blocks,
  };
}
