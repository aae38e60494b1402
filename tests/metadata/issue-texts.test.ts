/**
 * The issue catalogue (metadata/issue-texts/): every code reads in both languages with the same
 * placeholders, and the checks report codes — a package with problems of many kinds gets a code on
 * every issue, its English message made from the code's template.
 */
import { ISSUE_TEXTS, issueMessage, validatePackage, type IssueCode, type MetadataIssue, type MetadataPackage } from '../../metadata/index.js';
import { label, peopleView, validPackage } from './fixtures.js';
import { readdirSync } from 'node:fs';

const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

test('every issue code has an English and a Chinese text with the same placeholders', () => {
  for (const [code, texts] of Object.entries(ISSUE_TEXTS)) {
    expect({ code, zh: placeholders(texts['zh-CN']) }).toEqual({ code, zh: placeholders(texts.en) });
    expect(texts['zh-CN']).not.toBe('');
  }
});

test('each code is defined in one catalogue file only (the spread in index.ts would let a second definition win unseen)', async () => {
  const dir = new URL('../../metadata/issue-texts/', import.meta.url);
  const owner = new Map<string, string>();
  const twice: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'index.ts' && f !== 'format.ts')) {
    const module = (await import(new URL(file, dir).href)) as Record<string, unknown>;
    for (const catalogue of Object.values(module)) {
      if (typeof catalogue !== 'object' || catalogue === null) continue;
      for (const code of Object.keys(catalogue)) {
        if (owner.has(code)) twice.push(`${code} (${owner.get(code)}, ${file})`);
        owner.set(code, file);
      }
    }
  }
  expect(twice).toEqual([]);
  expect([...owner.keys()].sort()).toEqual(Object.keys(ISSUE_TEXTS).sort());
});

test('a message fills its params; lists read as lists in each language', () => {
  const text = { code: 'one-of' as IssueCode, params: { allowed: ['"a"', '"b"'] } };
  expect(issueMessage(text)).toBe('must be one of: "a", "b"');
  expect(issueMessage(text, 'zh-CN')).toBe('必须是以下之一："a"、"b"');
});

test('the checks code their issues: each issue of a broken package has a code, and its message is the code\'s English text', () => {
  const pkg = validPackage();
  pkg.views!.push({ ...peopleView(), 'x-crm-view': 'broken', entity: 'nowhere', surprise: true } as never);
  pkg.views!.push({ ...peopleView(), 'x-crm-view': 'broken2', columns: ['nonsense'], groupBy: 'tags', defaultFor: ['nobody'] } as never);
  const issues = validatePackage(pkg);
  expect(issues.length).toBeGreaterThanOrEqual(4);
  for (const issue of issues) {
    expect(issue.code).toBeDefined();
    expect(issue.message).toBe(issueMessage({ code: issue.code!, params: issue.params }));
    expect(issue.message).not.toMatch(/\{\w+\}/);
  }
  expect(issues.map((i) => i.code)).toEqual(expect.arrayContaining(['unknown-member', 'unknown-entity', 'unknown-entity-field', 'view-group-by-kind', 'unknown-role']));
});

/** Each issue coded, its English message its code's text, and both languages with every placeholder filled. */
function expectCoded(issues: MetadataIssue[]): void {
  for (const issue of issues) {
    expect({ issue, code: issue.code }).toEqual({ issue, code: expect.any(String) });
    expect(issue.message).toBe(issueMessage({ code: issue.code!, params: issue.params }));
    const zh = issueMessage({ code: issue.code!, params: issue.params }, 'zh-CN');
    expect({ issue, zh }).toEqual({ issue, zh: expect.not.stringMatching(/\{\w+\}|\[object/) });
    expect(issue.message).not.toMatch(/\{\w+\}|\[object/);
  }
}

/** A package whose entities break the entity, field, layout, index, computed-field and value-schema checks. */
function brokenEntities(): MetadataPackage {
  const pkg = validPackage();
  const [company, person] = pkg.entities;
  const bad = company.properties as Record<string, unknown>;
  company.$id = 'crm:entity/firm';
  company.required!.push('ghost');
  company['x-crm-display-field'] = 'ghost';
  company['x-crm-indexes'] = [{ fields: ['ghost'] }, { name: 'ix_company_kind', fields: ['kind'] }, { name: 'ix_company_kind', fields: ['name'] }];
  company['x-crm-unique'] = [{ name: 'Not An Identifier!', fields: ['name'] }];
  company['x-crm-duplicate-rules'] = [
    { name: 'same', fields: [{ field: 'ghost', normalise: 'name' }] },
    { name: 'same', fields: [{ field: 'name', normalise: 'name' }] },
  ];
  company['x-crm-fulltext'] = { fields: [{ field: 'ghost', weight: 'A' }, { field: 'revenue', weight: 'B' }, { field: 'name', weight: 'A' }, { field: 'name', weight: 'B' }] } as never;
  company['x-crm-layout'] = { sections: [{ key: 'main', label: label('Main'), fields: ['name', 'ghost'] }, { key: 'main', label: label('Again'), fields: ['name'] }] } as never;
  bad.kind = {
    type: 'string',
    enum: ['small', 'large'],
    default: 'huge',
    'x-crm-label': label('Kind'),
    'x-crm-enum-labels': { small: label('Small'), medium: label('Medium') },
    'x-crm-enum-probabilities': { small: 10, medium: 50 },
    'x-crm-state-machine': { initial: 'tiny', transitions: { small: ['huge'], giant: [] } },
  };
  bad.revenue = { type: 'number', 'x-crm-type': 'money', 'x-crm-label': label('Revenue'), 'x-crm-enum-labels': {}, 'x-crm-enum-probabilities': {}, 'x-crm-lookup': { entity: 'company' }, 'x-crm-state-machine': { transitions: {} } };
  bad.parentCompany = { type: 'string', 'x-crm-label': label('Parent'), 'x-crm-lookup': { entity: 'nowhere', onDelete: 'set-null' } };
  company.required!.push('parentCompany');
  bad.flag = { type: 'boolean', 'x-crm-type': 'integer', 'x-crm-label': label('Flag') };
  bad.file = { type: 'string', 'x-crm-type': 'attachment', 'x-crm-label': label('File') };
  bad.pattern = { type: 'string', pattern: '(', 'x-crm-label': label('Pattern') };
  bad.short = { type: 'string', maxLength: 2, default: 'too long', 'x-crm-label': label('Short') };
  bad.kindId = { type: 'string', 'x-crm-label': label('Kind id'), 'x-crm-column': 'kind' };
  bad.wrongKind = { type: 'string', format: 'email', 'x-crm-label': label('W'), 'x-crm-computed': 'name' };
  bad.required2 = { type: 'number', 'x-crm-label': label('R'), 'x-crm-computed': 'revenue' };
  company.required!.push('required2');
  const computed = (expression: string, type = 'number') => ({ type, 'x-crm-label': label('C'), 'x-crm-computed': expression });
  Object.assign(bad, {
    c1: computed('c1 + ghost + required2 + parentCompany'),
    c2: computed('revenue *'),
    c3: computed('revenue in [1, 2]'),
    c4: computed('sum(revenue)'),
    c5: computed('-name'),
    c6: computed('name - 1'),
    c7: computed('name + 1'),
    c8: computed('name = 1', 'boolean'),
    c9: computed('true < false', 'boolean'),
    c10: computed('1 and 2', 'boolean'),
    c11: computed('abs(1, 2)'),
    c12: computed('decimal(revenue, name)'),
    c13: computed('decimal(revenue, 1.5)'),
    c14: computed('if 1 then 1 else 2'),
    c15: computed('if true then 1 else "x"'),
    c16: computed('name'),
  });
  pkg.entities.push({ ...person, properties: { ...person.properties } }, { ...person, 'x-crm-entity': 'Person', properties: { lastName: person.properties.lastName } });
  // Valid against its meta-schema (so its value schemas are compiled), but not as a whole.
  pkg.entities.push({
    type: 'object',
    'x-crm-entity': 'gadget',
    'x-crm-label': label('Gadget'),
    'x-crm-indexes': [{ name: 'ix_company_kind', fields: ['name'] }],
    properties: {
      name: { type: 'string', default: 42, 'x-crm-label': label('Name') } as never,
      tags: { type: 'array', items: { type: 'strin' }, 'x-crm-label': label('Tags') } as never,
      company: { type: 'string', 'x-crm-label': label('Company'), 'x-crm-lookup': { entity: 'company' } },
      companyId: { type: 'string', 'x-crm-label': label('Company id') },
    },
  });
  return pkg;
}

test('the entity checks code their issues: every issue of a package with broken entities has a code and reads in both languages', () => {
  const issues = validatePackage(brokenEntities());
  expectCoded(issues);
  const codes = new Set(issues.map((i) => i.code));
  const expected: IssueCode[] = [
    'must-be', 'required-not-a-field', 'unknown-field', 'duplicate-rule-twice', 'fulltext-not-text', 'listed-twice', 'section-twice', 'field-in-section',
    'column-of-field', 'index-name-taken', 'unique-name-invalid', 'json-type-misfit', 'lookup-on-non-lookup', 'unknown-entity', 'required-lookup-set-null',
    'labels-on-non-enum', 'not-enum-value', 'enum-value-no-label', 'probabilities-on-non-enum', 'enum-value-no-probability', 'default-not-enum-value',
    'state-machine-not-enum', 'bad-json-schema', 'default-misfit', 'computed-kind', 'computed-required', 'computed-self', 'computed-unknown-field',
    'computed-reads-computed', 'computed-unreadable-kind', 'computed-result-type', 'computed-syntax', 'computed-unsupported', 'computed-unknown-function',
    'computed-neg-number', 'computed-arith-numbers', 'computed-plus-numbers', 'computed-compare-types', 'computed-order-booleans', 'computed-logic-booleans',
    'computed-arg-count', 'computed-arg-type', 'computed-decimal-scale', 'computed-if-condition', 'computed-branch-types', 'entity-already-defined', 'entity-table-taken',
  ];
  expect(expected.filter((c) => !codes.has(c))).toEqual([]);
});

test('a computed field\'s problem reads in Chinese with its value types in Chinese', () => {
  const pkg = validPackage();
  pkg.entities[0].properties.score = { type: 'number', 'x-crm-label': label('Score'), 'x-crm-computed': 'name' };
  const [issue] = validatePackage(pkg);
  expect(issue.message).toBe('gives a string, but the field holds a number');
  expect(issueMessage({ code: issue.code!, params: issue.params }, 'zh-CN')).toBe('表达式的结果是文本，但该字段存放的是数字');
});
