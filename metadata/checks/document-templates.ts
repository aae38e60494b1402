/**
 * Cross-document checks of document templates: keys unique, the entity known, every placeholder
 * (`{{name}}`, `{{account.name}}`, sections `{{#field}}…{{/field}}`) and every field of a block a
 * field path of the record, a line table's `via` a lookup of the line entity to the template's
 * entity, its columns, totals (numeric columns) and sort fields of the line entity.
 */
import Mustache from 'mustache';
import { pointer } from '../json-pointer.js';
import type { IssueCode, IssueText } from '../issue-texts/index.js';
import type { CheckContext } from './context.js';
import { isObject, isString, resolvePath } from './context.js';

/** Mustache token kinds that name data: variables (escaped or not) and sections. */
const NAMED = new Set(['name', '&', '#', '^']);

/** The data names a mustache text uses (sections' inner names included); throws when it does not parse. */
export function placeholderNames(text: string): string[] {
  const out: string[] = [];
  const walk = (tokens: unknown[]): void => {
    for (const t of tokens as [string, string, number, number, unknown[]?][]) {
      if (NAMED.has(t[0])) out.push(t[1]);
      if (Array.isArray(t[4])) walk(t[4]);
    }
  };
  walk(Mustache.parse(text) as unknown[]);
  return out;
}

const NUMERIC = new Set(['integer', 'number', 'money']);

/** What a field path's problem (resolvePath) is called when the path is a placeholder's. */
const PLACEHOLDER_CODES: Partial<Record<IssueCode, IssueCode>> = {
  'unknown-entity': 'placeholder-unknown-entity',
  'unknown-entity-field': 'placeholder-unknown-entity-field',
  'not-a-lookup': 'placeholder-not-a-lookup',
};
const placeholderProblem = (name: string, problem: IssueText): IssueText => ({
  code: PLACEHOLDER_CODES[problem.code] ?? problem.code,
  params: { ...problem.params, placeholder: name },
});

export function checkDocumentTemplates(ctx: CheckContext): void {
  const keys = new Map<string, string>();
  ctx.pkg.documentTemplates.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const file = ctx.fileOf('documentTemplates', i);
    const key = doc['x-crm-document-template'];
    if (isString(key)) {
      if (keys.has(key)) ctx.report(file, '/x-crm-document-template', { code: 'already-defined', params: { name: key, other: keys.get(key)! } });
      else keys.set(key, file);
    }
    const entity = doc.entity;
    if (!isString(entity)) return;
    if (!ctx.entities.has(entity)) {
      ctx.report(file, '/entity', { code: 'unknown-entity', params: { entity } });
      return;
    }
    const field = (on: string, path: string, at: (string | number)[]) => {
      const problem = resolvePath(ctx, on, path);
      if (problem) ctx.report(file, pointer(...at), problem);
    };
    if (!Array.isArray(doc.body)) return;
    doc.body.forEach((block: unknown, b) => {
      if (!isObject(block)) return;
      if (isString(block.text)) {
        let names: string[] = [];
        try {
          names = placeholderNames(block.text);
        } catch (e) {
          ctx.report(file, pointer('body', b, 'text'), { code: 'bad-template', params: { detail: (e as Error).message } });
        }
        for (const name of names) {
          const problem = resolvePath(ctx, entity, name);
          if (problem) ctx.report(file, pointer('body', b, 'text'), placeholderProblem(name, problem));
        }
      }
      if (block.type === 'fields' && Array.isArray(block.fields))
        block.fields.forEach((f: unknown, j) => isObject(f) && isString(f.field) && field(entity, f.field, ['body', b, 'fields', j, 'field']));
      if (block.type === 'lines') checkLines(ctx, file, entity, block, b, field);
    });
  });
}

function checkLines(
  ctx: CheckContext,
  file: string,
  entity: string,
  block: Record<string, unknown>,
  b: number,
  field: (on: string, path: string, at: (string | number)[]) => void,
): void {
  const lineEntity = block.entity;
  if (!isString(lineEntity)) return;
  const lines = ctx.entities.get(lineEntity);
  if (!lines) {
    ctx.report(file, pointer('body', b, 'entity'), { code: 'unknown-entity', params: { entity: lineEntity } });
    return;
  }
  const via = isString(block.via) ? lines.fields.get(block.via) : undefined;
  if (isString(block.via) && (!via || via.kind !== 'lookup' || via.doc['x-crm-lookup']?.entity !== entity))
    ctx.report(file, pointer('body', b, 'via'), { code: 'doc-lines-via', params: { lines: lineEntity, entity } });
  const columns = Array.isArray(block.columns) ? block.columns.filter(isObject) : [];
  columns.forEach((c, j) => isString(c.field) && field(lineEntity, c.field, ['body', b, 'columns', j, 'field']));
  if (Array.isArray(block.totals))
    block.totals.forEach((t: unknown, j) => {
      if (!isString(t)) return;
      if (!columns.some((c) => c.field === t)) ctx.report(file, pointer('body', b, 'totals', j), { code: 'doc-total-not-column', params: { field: t } });
      else if (!NUMERIC.has(lines.fields.get(t)?.kind ?? '')) ctx.report(file, pointer('body', b, 'totals', j), { code: 'doc-total-not-number', params: { field: t } });
    });
  if (isObject(block.sort) && isString(block.sort.field)) field(lineEntity, block.sort.field, ['body', b, 'sort', 'field']);
}
