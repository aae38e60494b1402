/**
 * Forms', message templates' and document templates' issues are coded (metadata/issue-texts/forms.ts,
 * templates.ts): a package breaking every rule of those checks gets a code on each of their issues,
 * each code of those catalogues is reached, and every placeholder of the code's text is filled in
 * both languages (none left as `{param}`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadFormsDir } from '../../forms/index.js';
import { ISSUE_TEXTS, issueMessage, validatePackage, type FormDocument, type MetadataIssue, type MetadataPackage, type RoleDocument } from '../../metadata/index.js';
import { FORM_TEXTS } from '../../metadata/issue-texts/forms.js';
import { TEMPLATE_TEXTS } from '../../metadata/issue-texts/templates.js';
import { label, validPackage } from './fixtures.js';

const role = (key: string): RoleDocument => ({ 'x-crm-role': key, label: label(key), permissions: { person: { actions: ['create', 'read', 'update'] } } });
const form = (doc: Record<string, unknown>) => ({ title: label('Form'), ...doc }) as unknown as FormDocument;
const prop = (extra: Record<string, unknown> = {}) => ({ type: 'string', 'x-crm-label': label('Field'), ...extra });
const personRecord = (id: string, record: Record<string, unknown>, properties: Record<string, unknown> = { lastName: {}, company: {} }, uiSchema?: Record<string, unknown>) =>
  form({ 'x-crm-form': id, record: { entity: 'person', purposes: ['create', 'edit'], ...record }, schema: { type: 'object', properties }, ...(uiSchema ? { uiSchema } : {}) });

/** Task forms, record forms, message and document templates breaking every rule of their checks. */
function brokenPackage(): MetadataPackage {
  const pkg = validPackage();
  const [company, person] = pkg.entities;
  company.properties.weird = prop({ 'x-crm-lookup': { entity: 'nowhere' } });
  company.properties.score = { type: 'number', 'x-crm-label': label('Score'), 'x-crm-computed': 'revenue / 2' };
  person.properties.code = prop({ 'x-crm-readonly': true });
  pkg.roles = [role('rep'), role('manager')];
  pkg.forms = [
    form({
      'x-crm-form': 'task',
      record: { entity: 'company', fields: { nope: 'name', score: 'name', name: 'ghost' } },
      schema: {
        type: 'object',
        required: ['ghost', 'f5'],
        properties: { name: prop(), note: prop(), f1: prop(), f2: prop(), f3: prop(), f4: prop(), f5: prop(), looked: prop({ 'x-crm-lookup': { entity: 'nowhere' } }) },
      },
      uiSchema: {
        ghost: {},
        name: 'wide',
        note: { 'ui:widget': 'nonsense', 'ui:help': 5 },
        f1: { 'ui:crm-showIf': 'always' },
        f2: { 'ui:crm-showIf': { field: 'f2' } },
        f3: { 'ui:crm-showIf': { field: 'name', values: [] } },
        f4: { 'ui:crm-showIf': { field: 'f3' } },
        f5: { 'ui:crm-showIf': { field: 'name' } },
        'ui:order': ['name', 'ghost', '*'],
        'ui:crm-layout': { kind: 'grid', groups: [5, { title: 'Main', columns: 4, fields: 'name' }, { title: label('Group'), fields: ['name', 'name', 'ghost'] }] },
      },
    }),
    form({ 'x-crm-form': 'task', schema: { type: 'object', properties: { a: prop({ minimum: 'zero' }) } }, uiSchema: { 'ui:order': 'a', 'ui:crm-layout': 'sections' } }),
    form({ 'x-crm-form': 'tabs', schema: { type: 'object', properties: { a: prop() } }, uiSchema: { 'ui:crm-layout': { kind: 'tabs', groups: [] } } }),
    // Record forms: a default create form lacking company, with a field the entity lacks, a read-only one and an unsuitable widget …
    personRecord('p-default-create', { purposes: ['create'] }, { lastName: {}, ghost: {}, code: {} }, { lastName: { 'ui:widget': 'radio' } }),
    // … a rep's create form hiding company, a second default form for both pages, a second default edit form, and the rep given both pages twice.
    personRecord('p-rep-create', { purposes: ['create'], roles: ['rep'] }, undefined, { company: { 'ui:crm-showIf': { field: 'lastName' } } }),
    personRecord('p-default', {}),
    personRecord('p-default-edit', { purposes: ['edit'] }),
    personRecord('p-rep', { roles: ['rep'] }),
    personRecord('p-rep-edit', { purposes: ['edit'], roles: ['rep'] }),
  ];
  const body = { 'zh-CN': '{{#items}}未闭合', en: 'Hello {{name' };
  pkg.templates = [
    { 'x-crm-template': 'a', subject: body, body },
    { 'x-crm-template': 'a', subject: body, body },
  ];
  const docTemplate = (key: string) => ({
    'x-crm-document-template': key,
    entity: 'company',
    label: label('Quote'),
    body: [
      { type: 'heading', text: '{{ghost}} {{name.first}} {{parentCompany.nope}} {{weird.name}}' },
      { type: 'paragraph', text: '{{#open}}' },
      { type: 'fields', fields: [{ field: 'ghost' }] },
      { type: 'lines', entity: 'nowhere', via: 'company', columns: [{ field: 'x' }] },
      { type: 'lines', entity: 'person', via: 'lastName', columns: [{ field: 'lastName' }, { field: 'ghost' }], totals: ['birthday', 'lastName'], sort: { field: 'ghost' } },
    ],
  });
  pkg.documentTemplates = [docTemplate('quote'), docTemplate('quote'), { ...docTemplate('other'), entity: 'nowhere' }] as never;
  return pkg;
}

/** The issue's code's texts have each placeholder filled, in English and Chinese; its message is the English text. */
function expectCoded(issue: MetadataIssue): void {
  expect({ issue, code: issue.code }).toEqual({ issue, code: expect.any(String) });
  const texts = ISSUE_TEXTS[issue.code!];
  for (const template of [texts.en, texts['zh-CN']]) {
    const unfilled = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((name) => issue.params?.[name] === undefined);
    expect({ issue, unfilled }).toEqual({ issue, unfilled: [] });
  }
  expect(issue.message).toBe(issueMessage({ code: issue.code!, params: issue.params }));
}

const ofTheseChecks = (i: MetadataIssue) => /^(forms|templates|document-templates|documentTemplates)\//.test(i.file);

test('every issue of a broken forms and templates package is coded with every param filled, and every code of their catalogues is reached', () => {
  const issues = validatePackage(brokenPackage()).filter(ofTheseChecks);
  issues.forEach(expectCoded);
  const formsDir = mkdtempSync(join(tmpdir(), 'forms-codes-'));
  try {
    writeFileSync(join(formsDir, 'named.json'), JSON.stringify({ 'x-crm-form': 'other-name', title: label('F'), schema: { type: 'object', properties: { a: prop() } } }));
    const loaded = loadFormsDir(formsDir).issues;
    loaded.forEach(expectCoded);
    const codes = new Set([...issues, ...loaded].map((i) => i.code));
    expect([...Object.keys(FORM_TEXTS), ...Object.keys(TEMPLATE_TEXTS)].filter((code) => !codes.has(code as never))).toEqual([]);
    expect([...codes]).toEqual(expect.arrayContaining(['already-defined', 'unknown-entity', 'unknown-entity-field', 'one-of', 'bad-json-schema', 'bad-template']));
  } finally {
    rmSync(formsDir, { recursive: true, force: true });
  }
});

test('a placeholder naming no field reads as the placeholder in both languages', () => {
  const issue = validatePackage(brokenPackage()).find((i) => i.code === 'placeholder-unknown-entity-field' && i.params?.placeholder === 'ghost')!;
  expect(issue).toMatchObject({ path: '/body/0/text', message: 'placeholder {{ghost}}: unknown field "ghost" of entity "company"' });
  expect(issueMessage({ code: issue.code!, params: issue.params }, 'zh-CN')).toBe('占位符 {{ghost}}：实体“company”没有字段“ghost”');
});

test('a record form given a page twice names the page in Chinese', () => {
  const inChinese = (i: MetadataIssue) => issueMessage({ code: i.code!, params: i.params }, 'zh-CN');
  const pkg: MetadataPackage = { ...validPackage(), roles: [role('rep')], forms: [personRecord('a', { roles: ['rep'] }), personRecord('b', { purposes: ['edit'], roles: ['rep'] })] };
  const [issue] = validatePackage(pkg);
  expect(issue.message).toBe('role "rep" already has a person edit form: forms/a');
  expect(inChinese(issue)).toBe('角色“rep”已有实体“person”的编辑表单：forms/a');
  const [second] = validatePackage({ ...pkg, forms: [personRecord('a', {}), personRecord('b', { purposes: ['edit'] })] });
  expect(second.message).toBe('person already has an edit form for everyone (without roles): forms/a — give one of them roles');
  expect(inChinese(second)).toBe('实体“person”已有面向所有人（未指定角色）的编辑表单：forms/a——请为其中一个表单指定角色');
});
