/**
 * The metadata context's public surface: the contract types, loading, validation, compilation,
 * record schemas, the field-type registry and message-template rendering. Other folders import only this file.
 */
import type { CompiledModel, MetadataIssue, MetadataPackage } from './types.js';
import { loadMetadataDir } from './load.js';
import type { LoadedMetadata } from './load.js';
import { validatePackage } from './validate.js';
import { compileModel } from './compile.js';
import { MetadataInvalidError } from './errors.js';
import { DEFAULT_METADATA_DIR } from './paths.js';

export * from './types.js';
export { loadMetadataDir } from './load.js';
export type { LoadedMetadata } from './load.js';
export { validatePackage, metaSchema, issueOfAjvError, META_SCHEMA_FILES, NAME_KEYS } from './validate.js';
export { ISSUE_TEXTS, issueMessage, issueOf, codedText, fillTemplate, type Coded, type IssueCode, type IssueText, type IssueLocale, type IssueParams, type NestedText } from './issue-texts/index.js';
export { compileModel, compileEntity, compileForm, compileSecurity, EMPTY_SECURITY } from './compile.js';
export { compileFormSchema, formDocumentIssues, FORM_WIDGETS, FORM_LAYOUT_KINDS, RECORD_FORM_WIDGETS } from './checks/forms.js';
export { entityRecordSchema, fieldValueSchema } from './record-schema.js';
export type { RecordSchemaMode } from './record-schema.js';
export { parseComputed, computedReferences, ComputedSyntaxError, COMPUTED_KINDS, type ComputedExpr, type ValueType } from './computed.js';
export { fieldTypes, inferKind, apiValueSchema, FIELD_KINDS } from './field-types/index.js';
export type { FieldType } from './field-types/index.js';
export { createAjv, type Ajv2020, type ErrorObject, type ValidateFunction } from './ajv.js';
export { renderTemplate, languageOf, type RenderedMessage } from './templates.js';
export { placeholderNames } from './checks/document-templates.js';
export { groupByProblem, GROUPABLE_KINDS } from './checks/views.js';
export { MetadataInvalidError } from './errors.js';
export { DEFAULT_METADATA_DIR } from './paths.js';
export { RESERVED_FIELD_NAMES, tableName, columnName, constraintName, pascalCase } from './names.js';

/** Load a folder and validate it: JSON syntax issues first, then validation issues. */
export function checkMetadataDir(dir: string = DEFAULT_METADATA_DIR): { pkg: LoadedMetadata; issues: MetadataIssue[] } {
  const pkg = loadMetadataDir(dir);
  const issues = [...pkg.issues, ...validatePackage(pkg, (doc) => pkg.files.get(doc))];
  return { pkg, issues };
}

/** Validate then compile a package (e.g. one sent to the publish API); throws MetadataInvalidError. */
export function compileValidated(pkg: MetadataPackage, fileOf?: (doc: object) => string | undefined): CompiledModel {
  const issues = validatePackage(pkg, fileOf);
  if (issues.length > 0) throw new MetadataInvalidError(issues);
  return compileModel(pkg);
}

/** Load, validate and compile a folder (the shipped model by default); throws MetadataInvalidError. */
export function loadModel(dir: string = DEFAULT_METADATA_DIR): CompiledModel {
  const { pkg, issues } = checkMetadataDir(dir);
  if (issues.length > 0) throw new MetadataInvalidError(issues);
  return compileModel(pkg);
}
