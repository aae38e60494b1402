/**
 * Differences between two metadata packages, per document: a field-level summary a person reads
 * (fields added, removed, changed and which of their attributes; other members changed) and the
 * textual diff of the document's file (unified diff of the exported JSON).
 */
import { createTwoFilesPatch } from 'diff';
import { sameJson } from '../publish/index.js';
import { eachDocument, formatDocument, type Documents } from './bundle.js';
import type { Change } from './draft.js';

export interface SummaryLine {
  /** `field-added|removed|changed`: a field of an entity; `member-*`: another member of the document. */
  op: 'field-added' | 'field-removed' | 'field-changed' | 'member-added' | 'member-removed' | 'member-changed';
  field?: string;
  member?: string;
  /** For field-changed: the field's attributes that changed (`x-crm-label`, `maxLength`…). */
  attributes?: string[];
}

export interface DocumentDiff {
  file: string;
  kind: string;
  name: string;
  change: Change;
  summary: SummaryLine[];
  patch: string;
}

type Obj = Record<string, unknown>;
const keysOf = (a: Obj, b: Obj) => [...new Set([...Object.keys(a), ...Object.keys(b)])];

function summarise(kind: string, a: Obj, b: Obj): SummaryLine[] {
  const out: SummaryLine[] = [];
  if (kind === 'entities') {
    const pa = (a.properties ?? {}) as Record<string, Obj>;
    const pb = (b.properties ?? {}) as Record<string, Obj>;
    for (const field of keysOf(pa, pb)) {
      if (!Object.hasOwn(pa, field)) out.push({ op: 'field-added', field });
      else if (!Object.hasOwn(pb, field)) out.push({ op: 'field-removed', field });
      else if (!sameJson(pa[field], pb[field])) {
        out.push({ op: 'field-changed', field, attributes: keysOf(pa[field], pb[field]).filter((k) => !sameJson(pa[field][k] ?? null, pb[field][k] ?? null)) });
      }
    }
  }
  for (const member of keysOf(a, b)) {
    if (kind === 'entities' && member === 'properties') continue;
    if (!Object.hasOwn(a, member)) out.push({ op: 'member-added', member });
    else if (!Object.hasOwn(b, member)) out.push({ op: 'member-removed', member });
    else if (!sameJson(a[member], b[member])) out.push({ op: 'member-changed', member });
  }
  return out;
}

export function diffPackages(from: Documents, to: Documents): DocumentDiff[] {
  const a = new Map(eachDocument(from).map((d) => [d.file, d]));
  const b = new Map(eachDocument(to).map((d) => [d.file, d]));
  const out: DocumentDiff[] = [];
  for (const file of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const [x, y] = [a.get(file), b.get(file)];
    if (x && y && sameJson(x.doc, y.doc)) continue;
    const d = (y ?? x)!;
    const change: Change = !x ? 'added' : !y ? 'removed' : 'changed';
    const summary = change === 'changed' ? summarise(d.kind, x!.doc as Obj, y!.doc as Obj) : [];
    const patch = createTwoFilesPatch(`a/${file}`, `b/${file}`, x ? formatDocument(x.doc) : '', y ? formatDocument(y.doc) : '', '', '', { context: 3 });
    out.push({ file, kind: d.kind, name: d.name, change, summary, patch });
  }
  return out;
}
