/**
 * Validation of a draft, each issue tied to what it concerns: the document (file) and, for
 * entities, the field — from the JSON path itself (`/properties/<field>/…`) or from the value the
 * path points at (`/x-crm-unique/0/fields/1` → the field named there) — so the designer can show
 * the message at that field.
 */
import { validatePackage, type MetadataIssue } from '../../metadata/index.js';
import { sharingConditionIssues } from '../access/index.js';
import { triggerConditionIssues } from '../triggers/index.js';
import { compileModel } from '../../metadata/index.js';
import type { EngineClient } from '../../engine/index.js';
import { triggerEngineIssues } from '../triggers/index.js';
import { eachDocument, fileOfDocument, type DocKind, type Documents } from './bundle.js';

export interface DraftIssue extends MetadataIssue {
  kind?: DocKind;
  /** The document's name (`contact`). */
  document?: string;
  /** The field the issue concerns, when it concerns one. */
  field?: string;
}

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** The value at a JSON Pointer, or undefined. */
function at(doc: unknown, path: string): unknown {
  let v = doc;
  for (const part of path.split('/').slice(1).map(unescape)) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

const FIELD_VALUED = [
  /^\/properties\/([^/]+)/,
  /^(\/x-crm-(?:indexes|unique)\/\d+\/fields\/\d+)$/,
  /^(\/x-crm-duplicate-rules\/\d+\/fields\/\d+)(?:\/field)?$/,
  /^(\/x-crm-fulltext\/fields\/\d+)(?:\/field)?$/,
  /^(\/x-crm-layout\/sections\/\d+\/fields\/\d+)$/,
  /^(\/required\/\d+)$/,
  /^(\/x-crm-display-field)$/,
];

export function fieldOfIssue(doc: unknown, path: string): string | undefined {
  for (const [i, re] of FIELD_VALUED.entries()) {
    const m = re.exec(path);
    if (!m) continue;
    if (i === 0) return unescape(m[1]);
    let v = at(doc, m[1]);
    if (v && typeof v === 'object') v = (v as Record<string, unknown>).field;
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/** A form's field an issue concerns: from the path (`/schema/properties/<f>`, `/uiSchema/<f>`) or the value it points at. */
export function fieldOfFormIssue(doc: unknown, path: string): string | undefined {
  const own = /^\/(?:schema\/properties|uiSchema)\/([^/]+)/.exec(path);
  if (own && !own[1].startsWith('ui:')) return unescape(own[1]);
  const named = /^(\/record\/fields\/[^/]+|\/schema\/required\/\d+|\/uiSchema\/ui:order\/\d+|\/uiSchema\/ui:crm-layout\/groups\/\d+\/fields\/\d+)$/.exec(path);
  const v = named ? at(doc, named[1]) : undefined;
  return typeof v === 'string' ? v : undefined;
}

/**
 * A view's or trigger's field an issue concerns: a column (`/columns/2` → its path), a sort,
 * kanban or grouping field, a condition's field (`/filter/and/0/value` → the criterion's `field`), a trigger
 * variable's source field (`/action/variables/contractId`).
 */
export function fieldOfCriteriaIssue(doc: unknown, path: string): string | undefined {
  const v = at(doc, path);
  if (typeof v === 'string' && /^\/(?:columns\/\d+|sort\/\d+\/field|kanban\/groupBy|groupBy|action\/variables\/[^/]+)$|\/field$/.test(path)) return v;
  // The criterion (or sort entry) the path lies in: the nearest object on the path that names a field.
  const parts = path.split('/');
  for (let n = parts.length; n > 1; n--) {
    const o = at(doc, parts.slice(0, n).join('/'));
    if (o && typeof o === 'object' && typeof (o as Record<string, unknown>).field === 'string') return (o as Record<string, string>).field;
  }
  return undefined;
}

/** A UI layout's field an issue concerns: one placed in a record section (`/records/<entity>/sections/0/fields/2`). */
function fieldOfLayoutIssue(doc: unknown, path: string): string | undefined {
  const v = /^\/records\/[^/]+\/sections\/\d+\/fields\/\d+$/.test(path) ? at(doc, path) : undefined;
  return typeof v === 'string' ? v : undefined;
}

const FIELD_OF_ISSUE: Partial<Record<DocKind, (doc: unknown, path: string) => string | undefined>> = {
  entities: fieldOfIssue,
  forms: fieldOfFormIssue,
  views: fieldOfCriteriaIssue,
  triggers: fieldOfCriteriaIssue,
  layouts: fieldOfLayoutIssue,
};

/** Every issue of the package (meta-schemas, cross-document checks, sharing conditions), tied to document and field. */
export function validateDraft(pkg: Documents, fileOf?: (doc: object) => string | undefined): DraftIssue[] {
  const docs = eachDocument(pkg);
  const byFile = new Map(docs.map((d) => [d.file, d]));
  const files = new Map<object, string>(docs.map((d) => [d.doc, fileOf?.(d.doc) ?? fileOfDocument(d.kind, d.doc)]));
  let issues: MetadataIssue[] = validatePackage(pkg, (doc) => files.get(doc));
  if (!issues.length) {
    const model = compileModel(pkg);
    issues = [...sharingConditionIssues(model), ...triggerConditionIssues(model)];
  }
  return issues.map((issue) => {
    const d = byFile.get(issue.file) ?? docs.find((x) => files.get(x.doc) === issue.file);
    if (!d) return issue;
    const field = FIELD_OF_ISSUE[d.kind]?.(d.doc, issue.path);
    return { ...issue, kind: d.kind, document: d.name, ...(field ? { field } : {}) };
  });
}

/** How a route checks a draft: the package's own checks plus what it needs of the deployed processes. */
export type DraftChecker = (pkg: Documents) => Promise<DraftIssue[]>;

/**
 * validateDraft, then the triggers against the engine (runtime/triggers/deployed.ts): an enabled
 * trigger starting a process that is not deployed, or correlating a message no deployed process
 * catches, is an issue at `/action/processKey` / `/action/messageName` — unless the package's own
 * checks already report that path.
 */
export const draftChecker =
  (engine: EngineClient): DraftChecker =>
  async (pkg) => {
    const issues = validateDraft(pkg);
    const reported = new Set(issues.map((i) => `${i.file}#${i.path}`));
    const deployed = (await triggerEngineIssues(engine, pkg.triggers))
      .map(({ trigger, path, ...text }): DraftIssue => ({ file: `triggers/${trigger}.json`, path, ...text, kind: 'triggers', document: trigger }))
      .filter((i) => !reported.has(`${i.file}#${i.path}`));
    return [...issues, ...deployed];
  };
