/**
 * validatePackage: every meta-schema error of every document (ajv, allErrors) plus the
 * cross-document checks, as MetadataIssue {file, path (JSON Pointer), message}. Never throws.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOCUMENT_KINDS, type MetadataIssue, type MetadataPackage } from './types.js';
import type { ErrorObject, ValidateFunction } from './ajv.js';
import { createAjv } from './ajv.js';
import { META_SCHEMA_DIR } from './paths.js';
import { RESERVED_FIELD_NAMES } from './names.js';
import { pointer } from './json-pointer.js';
import { issueOf, type IssueParams, type IssueText } from './issue-texts/index.js';
import type { CheckContext, DocKind } from './checks/context.js';
import { indexEntities, isObject, isString } from './checks/context.js';
import { checkEntities } from './checks/entities.js';
import { checkTriggers, checkViews } from './checks/views.js';
import { checkFieldSchemas } from './checks/schemas.js';
import { checkRoles, checkSharing } from './checks/security.js';
import { checkTemplates } from './checks/templates.js';
import { checkDocumentTemplates } from './checks/document-templates.js';
import { checkForms } from './checks/forms.js';
import { checkLayouts } from './checks/layouts.js';

/** Each kind's meta-schema file (metadata/meta-schemas/), which its documents name as `$schema`. */
export const META_SCHEMA_FILES: Record<DocKind, string> = {
  entities: 'entity.schema.json',
  views: 'view.schema.json',
  triggers: 'trigger.schema.json',
  roles: 'role.schema.json',
  sharing: 'sharing.schema.json',
  templates: 'template.schema.json',
  documentTemplates: 'document-template.schema.json',
  forms: 'form.schema.json',
  layouts: 'layout.schema.json',
};
/** The member of each kind of document that names it (and its file, `<kind>/<name>.json`). */
export const NAME_KEYS: Record<DocKind, string> = {
  entities: 'x-crm-entity',
  views: 'x-crm-view',
  triggers: 'x-crm-trigger',
  roles: 'x-crm-role',
  sharing: 'x-crm-sharing',
  templates: 'x-crm-template',
  documentTemplates: 'x-crm-document-template',
  forms: 'x-crm-form',
  layouts: 'x-crm-ui-layout',
};
const KINDS = DOCUMENT_KINDS;

/** The meta-schemas as JSON (e.g. for the publish API's documentation). */
export function metaSchema(kind: DocKind): Record<string, unknown> {
  return JSON.parse(readFileSync(join(META_SCHEMA_DIR, META_SCHEMA_FILES[kind]), 'utf8')) as Record<string, unknown>;
}

let validators: Record<DocKind, ValidateFunction> | undefined;
function metaValidators(): Record<DocKind, ValidateFunction> {
  if (!validators) {
    const ajv = createAjv();
    validators = Object.fromEntries(KINDS.map((kind) => [kind, ajv.compile(metaSchema(kind))])) as Record<DocKind, ValidateFunction>;
  }
  return validators;
}

/** One ajv error → one issue (null for errors that only repeat others: `if`, `propertyNames`). */
export function issueOfAjvError(file: string, e: ErrorObject): MetadataIssue | null {
  if (e.keyword === 'if' || e.keyword === 'propertyNames') return null;
  let path = e.instancePath;
  const params = e.params as Record<string, unknown>;
  // ajv's own verdict: its keyword and params, worded by ajv (ajv-i18n in Chinese: runtime/http/language.ts).
  const ajvParams = { keyword: e.keyword, ...ajvParamsOf(params), message: e.message ?? 'is invalid' };
  let text: IssueText = { code: 'schema', params: ajvParams };
  if (e.propertyName !== undefined) {
    path += pointer(e.propertyName);
    text =
      e.keyword === 'not' && e.schemaPath.endsWith('/propertyNames/not')
        ? { code: 'reserved-name', params: { reserved: RESERVED_FIELD_NAMES } }
        : { code: 'bad-name', params: ajvParams };
  }
  switch (e.keyword) {
    case 'additionalProperties':
      path += pointer(String(params.additionalProperty));
      text = { code: 'unknown-member' };
      break;
    case 'required':
      path += pointer(String(params.missingProperty));
      text = { code: 'member-required' };
      break;
    case 'enum':
      text = { code: 'one-of', params: { allowed: (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)) } };
      break;
    case 'const':
      text = { code: 'must-be', params: { value: JSON.stringify(params.allowedValue) } };
      break;
    case 'false schema':
      text = { code: 'not-allowed' };
      break;
  }
  return issueOf(file, path, text);
}

/** ajv's params as issue params (values that are neither text, number nor list become JSON). */
function ajvParamsOf(params: Record<string, unknown>): IssueParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : JSON.stringify(v)]),
  );
}

/**
 * Validate a package. `fileOf` names a document's file (loadMetadataDir's map); without one, a
 * document is named `<kind>/<name>` or, nameless, `<kind>[<index>]`.
 */
export function validatePackage(pkg: MetadataPackage, fileOf?: (doc: object) => string | undefined): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const seen = new Set<string>();
  const add = (issue: MetadataIssue): void => {
    const key = `${issue.file}\u0000${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  };
  const report = (file: string, path: string, text: IssueText): void => add(issueOf(file, path, text));
  const docsOf = (kind: DocKind): unknown[] => (Array.isArray(pkg[kind]) ? (pkg[kind] as unknown[]) : []);
  const nameOf = (kind: DocKind, i: number): string => {
    const doc = docsOf(kind)[i];
    const fromCaller = isObject(doc) ? fileOf?.(doc) : undefined;
    if (fromCaller) return fromCaller;
    const name = isObject(doc) ? doc[NAME_KEYS[kind]] : undefined;
    return isString(name) && name !== '' ? `${kind}/${name}` : `${kind}[${i}]`;
  };

  const v = metaValidators();
  const schemaValid = new Set<unknown>();
  for (const kind of KINDS) {
    if (pkg[kind] !== undefined && !Array.isArray(pkg[kind])) {
      report(kind, '', { code: 'not-array', params: { kind } });
      continue;
    }
    docsOf(kind).forEach((doc, i) => {
      const file = nameOf(kind, i);
      if (v[kind](doc)) {
        schemaValid.add(doc);
        return;
      }
      for (const e of v[kind].errors ?? []) {
        const issue = issueOfAjvError(file, e);
        if (issue) add(issue);
      }
    });
  }

  const safe = Object.fromEntries(KINDS.map((kind) => [kind, docsOf(kind)])) as unknown as Required<MetadataPackage>;
  const ctx: CheckContext = { pkg: safe, entities: indexEntities(safe, nameOf), fileOf: nameOf, report, schemaValid };
  checkEntities(ctx);
  checkFieldSchemas(ctx);
  checkViews(ctx);
  checkTriggers(ctx);
  checkRoles(ctx);
  checkSharing(ctx);
  checkTemplates(ctx);
  checkDocumentTemplates(ctx);
  checkForms(ctx);
  checkLayouts(ctx);
  return issues;
}
