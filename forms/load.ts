/**
 * Reading a forms folder: every `*.json` is a form document. Each is checked against the
 * meta-schema (form.schema.json), its `schema` compiled with ajv, and its record mapping checked
 * against its own fields; every problem becomes an issue naming the file and the JSON Pointer.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAjv, issueOfAjvError, type Ajv2020, type ValidateFunction } from '../metadata/index.js';
import type { Form, FormDocument, FormIssue } from './types.js';

export const FORM_META_SCHEMA_FILE = fileURLToPath(new URL('./form.schema.json', import.meta.url));

let metaValidator: ValidateFunction | undefined;
function validateDocument(doc: unknown): ReturnType<ValidateFunction> {
  metaValidator ??= createAjv().compile(JSON.parse(readFileSync(FORM_META_SCHEMA_FILE, 'utf8')) as object);
  return metaValidator(doc);
}

/** Every `x-crm-*` member anywhere in a schema (annotations: labels, help texts, …). */
function annotationKeywords(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => annotationKeywords(v, found));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (k.startsWith('x-crm-')) found.add(k);
      else annotationKeywords(v, found);
    }
  return found;
}

/** Compile a form's data schema; x-crm-* members are annotations ajv keeps but does not check. */
export function compileFormSchema(ajv: Ajv2020, schema: object): ValidateFunction {
  for (const keyword of annotationKeywords(schema)) if (!ajv.getKeyword(keyword)) ajv.addKeyword({ keyword, metaSchema: {} });
  return ajv.compile(schema);
}

export interface LoadedForms {
  forms: { form: Form; validate: ValidateFunction }[];
  issues: FormIssue[];
}

export function loadFormsDir(dir: string): LoadedForms {
  const out: LoadedForms = { forms: [], issues: [] };
  if (!existsSync(dir)) return out;
  const ajv = createAjv();
  for (const file of readdirSync(dir).filter((n) => n.endsWith('.json') && n !== 'form.schema.json').sort()) {
    const issue = (path: string, message: string) => out.issues.push({ file, path, message });
    let doc: unknown;
    try {
      doc = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    } catch (e) {
      issue('', `not valid JSON: ${(e as Error).message}`);
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
    if (`${id}.json` !== file) issue('/x-crm-form', `must equal the file name without .json (${file.replace(/\.json$/, '')})`);
    for (const [recordField, formField] of Object.entries(d.record?.fields ?? {}))
      if (!Object.hasOwn(d.schema.properties, formField)) issue(`/record/fields/${recordField}`, `names no top-level field of the form's schema: ${formField}`);
    let validate: ValidateFunction;
    try {
      validate = compileFormSchema(ajv, d.schema);
    } catch (e) {
      issue('/schema', `not a valid JSON Schema: ${(e as Error).message}`);
      continue;
    }
    const form: Form = { id, title: d.title, schema: d.schema, uiSchema: d.uiSchema ?? {}, record: { fields: d.record?.fields ?? {} }, file };
    out.forms.push({ form, validate });
  }
  return out;
}
