/**
 * The editor's text ⇄ a document template: the text of a template (its members in reading order),
 * the template of a text (or the JSON error), and the one structural edit the editor makes — a
 * column added to a lines block.
 */
import type { EntityMeta } from '../api/index.js';
import type { DocumentTemplate } from '../api/studioTemplates.js';

/** Top-level members in reading order (a stored template comes back from jsonb in its own order); a block's `type` first. */
const ORDER = ['$schema', 'x-crm-document-template', 'entity', 'label', 'description', 'page', 'body'];
function ordered(template: Record<string, unknown>): Record<string, unknown> {
  const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);
  const out = Object.fromEntries(Object.entries(template).sort(([a], [b]) => rank(a) - rank(b)));
  if (Array.isArray(out.body))
    out.body = out.body.map((b: unknown) => (typeof b === 'object' && b !== null ? { type: (b as Record<string, unknown>).type, ...b } : b));
  return out;
}
export const format = (template: Record<string, unknown>) => JSON.stringify(ordered(template), null, 2);

/** The editor's text as a template, or the JSON error. */
export function parse(text: string): { template: DocumentTemplate } | { error: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'not an object' };
    return { template: value as DocumentTemplate };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The template with `field` added (once) to the columns of its body's block number `block`. */
export function withColumn(template: DocumentTemplate, block: number, field: string): DocumentTemplate {
  const body = template.body.map((b, i) => {
    if (i !== block || typeof b !== 'object' || b === null) return b;
    const columns = Array.isArray((b as { columns?: unknown }).columns) ? (b as { columns: { field?: unknown }[] }).columns : [];
    return columns.some((c) => c.field === field) ? b : { ...b, columns: [...columns, { field }] };
  });
  return { ...template, body };
}

/** The template's lines blocks whose entity is known: each one's index in the body and its entity. */
export function linesBlocks(template: DocumentTemplate | null, entity: (name: string) => EntityMeta | undefined): { index: number; entity: EntityMeta }[] {
  if (!template) return [];
  return template.body.flatMap((b, i) => {
    const block = b as { type?: unknown; entity?: unknown };
    const lineEntity = block.type === 'lines' && typeof block.entity === 'string' ? entity(block.entity) : undefined;
    return lineEntity ? [{ index: i, entity: lineEntity }] : [];
  });
}
