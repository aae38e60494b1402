/**
 * Message templates (`metadata/templates/*.json`): the meta-schema and the mustache check refuse a
 * bad template naming its file and JSON path; compiling keys them by name; rendering picks the
 * reader's language and fills placeholders as plain text; a package without templates keeps the
 * checksum and compiled model it had before templates existed.
 */
import { compileModel, renderTemplate, validatePackage, type MetadataPackage, type TemplateDocument } from '../../metadata/index.js';
import { documentsChecksum } from '../../runtime/publish/index.js';
import { plainIssues, validPackage } from './fixtures.js';

function template(key: string, over: Partial<TemplateDocument> = {}): TemplateDocument {
  return {
    'x-crm-template': key,
    subject: { 'zh-CN': '线索 {{name}} 待处理', en: 'Lead {{name}} needs you' },
    body: { 'zh-CN': '您好 {{user.displayName}}：\n{{#items}}- {{.}}\n{{/items}}', en: 'Hello {{user.displayName}},\n{{#items}}- {{.}}\n{{/items}}' },
    ...over,
  };
}

const withTemplates = (templates: unknown[]): MetadataPackage => ({ ...validPackage(), templates: templates as TemplateDocument[] });

describe('template documents', () => {
  it('accepts a valid template and compiles templates by key', () => {
    expect(validatePackage(withTemplates([template('lead-reminder')]))).toEqual([]);
    expect(compileModel(withTemplates([template('lead-reminder')])).templates).toEqual({ 'lead-reminder': template('lead-reminder') });
  });

  it('given meta-schema errors, names the file and the JSON path of each', () => {
    const bad = { 'x-crm-template': 'Bad Name', subject: { en: 'x', 'zh-CN': '' }, body: { 'zh-CN': '正文' }, colour: 'red' };
    expect(plainIssues(validatePackage(withTemplates([bad])))).toEqual(
      expect.arrayContaining([
        { file: 'templates/Bad Name', path: '/x-crm-template', message: 'must match pattern "^[a-z][a-zA-Z0-9-]{0,63}$"' },
        { file: 'templates/Bad Name', path: '/subject/zh-CN', message: 'must NOT have fewer than 1 characters' },
        { file: 'templates/Bad Name', path: '/body/en', message: 'is required' },
        { file: 'templates/Bad Name', path: '/colour', message: 'is not allowed here (unknown member)' },
      ]),
    );
    expect(plainIssues(validatePackage(withTemplates([{ subject: template('x').subject, body: template('x').body }])))).toEqual([
      { file: 'templates[0]', path: '/x-crm-template', message: 'is required' },
    ]);
  });

  it('refuses a placeholder that does not parse and a name defined twice', () => {
    const issues = validatePackage(withTemplates([template('a', { body: { 'zh-CN': '{{#items}}未闭合', en: 'Hello {{name' } }), template('a')]));
    expect(plainIssues(issues)).toEqual([
      { file: 'templates/a', path: '/body/zh-CN', message: 'not a valid mustache template: Unclosed section "items" at 13' },
      { file: 'templates/a', path: '/body/en', message: 'not a valid mustache template: Unclosed tag at 12' },
      { file: 'templates/a', path: '/x-crm-template', message: '"a" is already defined in templates/a' },
    ]);
  });

  it('without templates, the checksum and the compiled model are those of a package from before templates', () => {
    const before = validPackage();
    expect(documentsChecksum({ ...before, templates: [] })).toBe(documentsChecksum(before));
    expect(compileModel({ ...before, templates: [] })).not.toHaveProperty('templates');
    expect(documentsChecksum(withTemplates([template('a')]))).not.toBe(documentsChecksum(before));
  });
});

describe('rendering', () => {
  const data = { name: '华信 <Acme> & Co', user: { displayName: 'Li Lei' }, items: ['one', 'two'] };

  it('renders in the reader\'s language, as plain text (no HTML escaping)', () => {
    expect(renderTemplate(template('t'), 'en', data)).toEqual({ subject: 'Lead 华信 <Acme> & Co needs you', body: 'Hello Li Lei,\n- one\n- two\n' });
    expect(renderTemplate(template('t'), 'zh-CN', data).subject).toBe('线索 华信 <Acme> & Co 待处理');
  });

  it('falls back to zh-CN for an unknown locale; missing data renders empty; a subject stays one line', () => {
    expect(renderTemplate(template('t'), 'fr', {}).subject).toBe('线索  待处理');
    expect(renderTemplate(template('t'), 'en', { name: 'two\nlines' }).subject).toBe('Lead two lines needs you');
  });
});
