/**
 * The form registry: a folder of form documents loads, resolves `crm:<id>` form keys and judges
 * form data with the form's JSON Schema (errors as JSON Pointers into the data); a bad document
 * refuses the whole folder with every issue naming its file and JSON path.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_FORMS_DIR, formIdOfKey, FormsInvalidError, loadForms, validateFormData } from '../../forms/index.js';
import { TASK_FORMS_DIR } from '../support/tasks.js';

const label = (en: string) => ({ 'zh-CN': en, en });
const field = (schema: object, name = 'Field') => ({ ...schema, 'x-crm-label': label(name) });

function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-forms-'));
  for (const [name, doc] of Object.entries(files)) writeFileSync(join(dir, name), typeof doc === 'string' ? doc : JSON.stringify(doc));
  return dir;
}

const good = (id: string, extra: object = {}) => ({
  'x-crm-form': id,
  title: label('A form'),
  schema: { type: 'object', properties: { note: field({ type: 'string', maxLength: 5 }) } },
  ...extra,
});

function issuesOf(dir: string) {
  try {
    loadForms(dir);
  } catch (e) {
    expect(e).toBeInstanceOf(FormsInvalidError);
    return (e as FormsInvalidError).issues;
  }
  throw new Error('the folder loaded');
}

test('the fixture form loads and resolves by form key; the shipped folder loads', () => {
  const forms = loadForms(TASK_FORMS_DIR);
  expect([...forms.forms.keys()]).toEqual(['lead-review']);
  expect(forms.forKey('crm:lead-review')?.title).toEqual({ 'zh-CN': '审查线索', en: 'Review lead' });
  expect(forms.forKey('crm:nope')).toBeUndefined();
  expect(forms.forKey('embedded:app:forms/x.html')).toBeUndefined();
  expect(forms.forKey(null)).toBeUndefined();
  expect(formIdOfKey('crm:')).toBeNull();
  expect(() => loadForms(DEFAULT_FORMS_DIR)).not.toThrow();
  expect(loadForms(join(tmpdir(), 'no-such-forms-folder')).forms.size).toBe(0);
});

test('form data: every error of the schema and every undeclared top-level field, as JSON Pointers into the data', () => {
  const form = loadForms(TASK_FORMS_DIR).get('lead-review')!;
  expect(validateFormData(form, { decision: 'approve' })).toEqual([]);
  expect(validateFormData(form, { decision: 'reject', reason: 'x', score: 0, checklist: ['a'] })).toEqual([]);
  // Each coded with ajv's keyword and params, for a UI to word in its language (invalid-value).
  const coded = (keyword: string, params: Record<string, unknown>) => ({ code: 'invalid-value', params: { keyword, ...params } });
  expect(validateFormData(form, { decision: 'reject' })).toEqual([{ path: '/reason', message: 'is required', ...coded('required', { missingProperty: 'reason' }) }]);
  expect(validateFormData(form, { decision: 'approve', score: 1.5, checklist: [1], 'a/b': 1 })).toEqual([
    { path: '/a~1b', message: 'unknown field', ...coded('additionalProperties', { additionalProperty: 'a/b' }) },
    { path: '/score', message: 'must be integer', ...coded('type', { type: 'integer' }) },
    { path: '/checklist/0', message: 'must be string', ...coded('type', { type: 'string' }) },
  ]);
  expect(validateFormData(form, null)).toEqual([{ path: '', message: 'must be an object' }]);
  expect(validateFormData(form, ['approve'])).toEqual([{ path: '', message: 'must be an object' }]);
});

test('x-crm-* annotations are allowed anywhere in a form schema; formats are checked', () => {
  const dir = folder({
    'notes.json': good('notes', {
      schema: {
        type: 'object',
        'x-crm-layout': 'two-columns',
        properties: { mail: field({ type: 'string', format: 'email', 'x-crm-help': label('help') }), items: field({ type: 'array', items: { type: 'object', 'x-crm-label': label('Item'), properties: { n: { type: 'integer' } } } }) },
      },
    }),
  });
  const form = loadForms(dir).get('notes')!;
  expect(validateFormData(form, { mail: 'not-an-address' })).toEqual([{ path: '/mail', message: 'must match format "email"', code: 'invalid-value', params: { keyword: 'format', format: 'email' } }]);
  expect(validateFormData(form, { mail: 'a@b.cn', items: [{ n: 1 }] })).toEqual([]);
});

test('a bad form document refuses the folder: each issue names the file and the JSON path', () => {
  const dir = folder({
    'ok.json': good('ok'),
    'syntax.json': '{"x-crm-form": ',
    'unlabelled.json': good('unlabelled', { schema: { type: 'object', properties: { note: { type: 'string' } } } }),
    'mismatch.json': good('other-name'),
    'mapping.json': good('mapping', { record: { entity: 'lead', fields: { disqualifyReason: 'reason' } } }),
    'typo.json': good('typo', { schema: { type: 'object', properties: { note: field({ type: 'string', maxLenght: 5 }) } } }),
    'badtype.json': good('badtype', { schema: { type: 'object', properties: { note: field({ type: 'strnig' }) } } }),
    'extra.json': good('extra', { uiSchema: [], version: 2 }),
  });
  const issues = issuesOf(dir);
  const byFile = (file: string) => issues.filter((i) => i.file === file).map((i) => [i.path, i.message]);
  expect(byFile('ok.json')).toEqual([]);
  expect(byFile('syntax.json')).toEqual([['', expect.stringMatching(/^not valid JSON/)]]);
  expect(byFile('unlabelled.json')).toEqual([['/schema/properties/note/x-crm-label', 'is required']]);
  expect(byFile('mismatch.json')).toEqual([['/x-crm-form', 'must equal the file name without .json (mismatch)']]);
  expect(byFile('mapping.json')).toEqual([['/record/fields/disqualifyReason', "names no top-level field of the form's schema: reason"]]);
  expect(byFile('typo.json')).toEqual([['/schema', expect.stringContaining('maxLenght')]]);
  expect(byFile('badtype.json')).toEqual([['/schema', expect.stringMatching(/not a valid JSON Schema/)]]);
  expect(byFile('extra.json').sort()).toEqual([
    ['/uiSchema', 'must be object'],
    ['/version', 'is not allowed here (unknown member)'],
  ]);
  expect(() => loadForms(dir)).toThrow(/syntax\.json: not valid JSON/);
});
