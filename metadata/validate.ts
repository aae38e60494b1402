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
  let message = e.message ?? 'is invalid';
  if (e.propertyName !== undefined) {
    path += pointer(e.propertyName);
    if (e.keyword === 'not' && e.schemaPath.endsWith('/propertyNames/not')) {
      message = `is a system field name (reserved: ${RESERVED_FIELD_NAMES.join(', ')})`;
    } else message = `name ${message}`;
  }
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'additionalProperties':
      path += pointer(String(params.additionalProperty));
      message = 'is not allowed here (unknown member)';
      break;
    case 'required':
      path += pointer(String(params.missingProperty));
      message = 'is required';
      break;
    case 'enum':
      message = `must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
      break;
    case 'const':
      message = `must be ${JSON.stringify(params.allowedValue)}`;
      break;
    case 'false schema':
      message = 'is not allowed here';
      break;
  }
  return { file, path, message };
}

/**
 * Validate a package. `fileOf` names a document's file (loadMetadataDir's map); without one, a
 * document is named `<kind>/<name>` or, nameless, `<kind>[<index>]`.
 */
export function validatePackage(pkg: MetadataPackage, fileOf?: (doc: object) => string | undefined): MetadataIssue[] {
  const issues: MetadataIssue[] = [];
  const seen = new Set<string>();
  const report = (file: string, path: string, message: string): void => {
    const key = `${file}\u0000${path}\u0000${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push({ file, path, message });
  };
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
      report(kind, '', `must be an array of ${kind} documents`);
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
        if (issue) report(issue.file, issue.path, issue.message);
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
