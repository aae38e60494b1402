/**
 * Roles, sharing rules and UI layouts report coded issues (metadata/issue-texts/security.ts,
 * layouts.ts): a package with a mistake of every kind these checks know gets a code on every issue,
 * its English message made from the code's template and its Chinese one with every param filled.
 */
import { issueMessage, validatePackage, type MetadataIssue, type MetadataPackage, type RoleDocument } from '../../metadata/index.js';
import { label, validPackage } from './fixtures.js';

const role = (key: string, over: Partial<RoleDocument> = {}): RoleDocument => ({ 'x-crm-role': key, label: label(key), permissions: { company: { actions: ['read'] } }, ...over });

function brokenPackage(): MetadataPackage {
  const pkg = validPackage();
  // person has no owner: an owner sharing rule on it cannot hold
  pkg.entities![1] = { ...pkg.entities![1], 'x-crm-owner': false };
  pkg.roles = [
    role('boss', { default: true }),
    role('rep', { default: true, parent: 'lead' }),
    role('lead', { parent: 'rep' }),
    role('boss'),
    role('orphan', { parent: 'ghost' }),
    role('nosy', { permissions: { ghost: { actions: ['read'] }, company: { actions: ['read'], fields: { nope: 'hidden' } }, '*': { actions: ['read'], fields: { name: 'read' } } } }),
  ];
  pkg.sharing = [
    {
      'x-crm-sharing': 'company',
      default: 'private',
      rules: [
        { name: 'x', type: 'criteria', condition: { field: 'parentCompany.name', op: 'eq', value: 'A' }, to: { role: 'nobody' }, access: 'read' },
        { name: 'x', type: 'criteria', condition: { field: 'name', op: 'eq', value: { $var: 'me' } }, to: { role: 'boss' }, access: 'read' },
        { name: 'z', type: 'territory', fields: { region: 'revenue', industry: 'missing' }, to: 'members', access: 'edit' },
      ],
    },
    { 'x-crm-sharing': 'company', default: 'private' },
    { 'x-crm-sharing': 'ghost', default: 'private' },
    { 'x-crm-sharing': 'person', default: 'private', rules: [{ name: 'o', type: 'owner', owners: { role: 'rep' }, to: { role: 'boss' }, access: 'read' }] },
  ];
  pkg.layouts = [
    { 'x-crm-ui-layout': 'one', label: label('One'), roles: ['boss', 'astronaut'], default: true },
    {
      'x-crm-ui-layout': 'one',
      label: label('Two'),
      roles: ['boss'],
      default: true,
      navigation: [{ entity: 'spaceship' }, { entity: 'company', view: 'people' }, { entity: 'person', view: 'nowhere' }],
      home: [{ widget: 'view', view: 'gone' }],
      records: { planet: { sections: [] } },
    },
  ] as never;
  return pkg;
}

const placeholder = /\{\w+\}/;

test('every issue of a broken roles, sharing and layouts package is coded, and reads in both languages with no param left over', () => {
  const issues: MetadataIssue[] = validatePackage(brokenPackage());
  for (const issue of issues) {
    expect({ at: `${issue.file}#${issue.path}`, code: issue.code }).toEqual({ at: `${issue.file}#${issue.path}`, code: expect.any(String) });
    expect(issue.message).toBe(issueMessage({ code: issue.code!, params: issue.params }));
    expect(issue.message).not.toMatch(placeholder);
    expect(issueMessage({ code: issue.code!, params: issue.params }, 'zh-CN')).not.toMatch(placeholder);
  }
  const codes = new Set(issues.map((i) => i.code));
  for (const code of [
    'already-defined',
    'role-default-taken',
    'role-hierarchy-loop',
    'unknown-role',
    'unknown-entity',
    'unknown-entity-field',
    'role-fields-need-entity',
    'sharing-entity-taken',
    'sharing-rule-twice',
    'sharing-no-owner',
    'sharing-condition-variable',
    'sharing-condition-own-fields',
    'territory-field-kind',
    'layout-role-taken',
    'layout-default-taken',
    'layout-view-of-other-entity',
    'unknown-view',
  ])
    expect({ code, reported: codes.has(code as never) }).toEqual({ code, reported: true });
});

test('the Chinese of a coded issue names what its English names', () => {
  const issues = validatePackage(brokenPackage());
  const loop = issues.find((i) => i.code === 'role-hierarchy-loop')!;
  expect(loop.message).toBe('the role hierarchy loops: rep → lead → rep');
  expect(issueMessage({ code: loop.code!, params: loop.params }, 'zh-CN')).toBe('角色层级出现循环：rep → lead → rep');
  const territory = issues.find((i) => i.code === 'territory-field-kind')!;
  expect(issueMessage({ code: territory.code!, params: territory.params }, 'zh-CN')).toBe('区域字段必须是文本或枚举字段（“revenue”是money类型）');
  const view = issues.find((i) => i.code === 'layout-view-of-other-entity')!;
  expect([view.path, view.message]).toEqual(['/navigation/1/view', 'view "people" is a view of "person", not of "company"']);
  expect(issueMessage({ code: view.code!, params: view.params }, 'zh-CN')).toBe('视图“people”是“person”的视图，不是“company”的视图');
});
