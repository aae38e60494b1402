/**
 * Reading a forms folder: every `*.json` is a form document. Each is checked against the
 * meta-schema (metadata/meta-schemas/form.schema.json) and by the form checks of metadata/
 * (formDocumentIssues: its schema compiles, its record mapping and uiSchema name its own fields);
 * every problem becomes an issue naming the file and the JSON Pointer. Its record mapping against
 * the entity is checked when the forms are published with the metadata (validatePackage).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileForm, createAjv, formDocumentIssues, issueOf, issueOfAjvError, metaSchema, type IssueText, type ValidateFunction } from '../metadata/index.js';
import type { Form, FormDocument, FormIssue } from './types.js';

export const FORM_META_SCHEMA_FILE = 'metadata/meta-schemas/form.schema.json';

let metaValidator: ValidateFunction | undefined;
function validateDocument(doc: unknown): ReturnType<ValidateFunction> {
  metaValidator ??= createAjv().compile(metaSchema('forms'));
  return metaValidator(doc);
}

export interface LoadedForms {
  forms: { form: Form; validate: ValidateFunction }[];
  /** The documents as read (valid ones), with their files: what start-up publishes. */
  documents: { doc: FormDocument; file: string }[];
  issues: FormIssue[];
}

export function loadFormsDir(dir: string): LoadedForms {
  const out: LoadedForms = { forms: [], documents: [], issues: [] };
  if (!existsSync(dir)) return out;
  const ajv = createAjv();
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'form.schema.json').sort()) {
    const issue = (path: string, text: IssueText) => out.issues.push(issueOf(file, path, text));
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      issue('', { code: 'bad-json', params: { detail: (e as Error).message } });
      continue;
    }
    if (!validateDocument(doc)) {
      for (const e of metaValidator!.errors ?? []) {
        const i = issueOfAjvError(file, e);
        if (i) out.issues.push(i);
      }
      continue;
    }
    const d = doc as FormDocument;
    const id = d['x-crm-form'];
    if (`${id}.json` !== file) issue('/x-crm-form', { code: 'form-id-not-file-name', params: { name: file.replace(/\.json$/, '') } });
    const before = out.issues.length;
    const validate = formDocumentIssues(d, issue, ajv);
    if (!validate || out.issues.length > before) continue;
    out.documents.push({ doc: d, file });
    out.forms.push({ form: { ...compileForm(d), file }, validate });
  }
  return out;
}
