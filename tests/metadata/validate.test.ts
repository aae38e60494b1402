import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkMetadataDir, validatePackage, type MetadataIssue, type MetadataPackage } from '../../metadata/index.js';
import { companyEntity, label, personEntity, plainIssues, validPackage } from './fixtures.js';

const plain = plainIssues;

/** Given a valid package changed by `mutate`, when it is validated, then these are its issues. */
function issuesAfter(mutate: (pkg: MetadataPackage) => void): Pick<MetadataIssue, 'file' | 'path' | 'message'>[] {
  const pkg = validPackage();
  mutate(pkg);
  return plain(validatePackage(pkg));
}

const company = (pkg: MetadataPackage) => pkg.entities[0];
const person = (pkg: MetadataPackage) => pkg.entities[1];

describe('validatePackage', () => {
  it('accepts the fixture package', () => {
    expect(validatePackage(validPackage())).toEqual([]);
  });

  it('refuses a field without a label, naming the file and the JSON path', () => {
    const issues = issuesAfter((p) => {
      delete (company(p).properties.name as Record<string, unknown>)['x-crm-label'];
    });
    expect(issues).toEqual([{ file: 'entities/company', path: '/properties/name/x-crm-label', message: 'is required' }]);
  });

  it('refuses a label missing a language', () => {
    const issues = issuesAfter((p) => {
      company(p)['x-crm-label'] = { en: 'Company' } as never;
    });
    expect(issues).toEqual([{ file: 'entities/company', path: '/x-crm-label/zh-CN', message: 'is required' }]);
  });

  it('refuses bad field names and system field names', () => {
    const issues = issuesAfter((p) => {
      const props = company(p).properties;
      props.Bad_Name = { type: 'string', 'x-crm-label': { 'zh-CN': '坏', en: 'Bad' } };
      props.createdAt = { type: 'string', 'x-crm-label': { 'zh-CN': '时间', en: 'Created' } };
    });
    expect(issues).toContainEqual({ file: 'entities/company', path: '/properties/Bad_Name', message: 'name must match pattern "^[a-z][a-zA-Z0-9]{0,40}$"' });
    expect(issues).toContainEqual(expect.objectContaining({ file: 'entities/company', path: '/properties/createdAt', message: expect.stringMatching(/system field name/) }));
  });

  it('refuses an unknown keyword and a bad field kind', () => {
    const issues = issuesAfter((p) => {
      (company(p).properties.name as Record<string, unknown>)['x-crm-lable'] = 'typo';
      (company(p).properties.revenue as Record<string, unknown>)['x-crm-type'] = 'currency';
    });
    expect(issues).toContainEqual({ file: 'entities/company', path: '/properties/name/x-crm-lable', message: 'is not allowed here (unknown member)' });
    expect(issues).toContainEqual(expect.objectContaining({ path: '/properties/revenue/x-crm-type', message: expect.stringMatching(/^must be one of: "text", /) }));
  });

  it('accepts a record layout and refuses one naming an unknown field, a field twice or a section key twice', () => {
    const label = { 'zh-CN': '概况', en: 'Profile' };
    expect(issuesAfter((p) => (company(p)['x-crm-layout'] = { sections: [{ key: 'profile', label, fields: ['name'] }] }))).toEqual([]);
    const issues = issuesAfter((p) => {
      company(p)['x-crm-layout'] = {
        sections: [
          { key: 'profile', label, fields: ['name', 'size'] },
          { key: 'profile', label, fields: ['name'] },
        ],
      };
    });
    expect(issues).toEqual([
      { file: 'entities/company', path: '/x-crm-layout/sections/0/fields/1', message: 'unknown field "size"' },
      { file: 'entities/company', path: '/x-crm-layout/sections/1/key', message: 'section "profile" is declared twice' },
      { file: 'entities/company', path: '/x-crm-layout/sections/1/fields/0', message: '"name" is already in section "profile"' },
    ]);
  });

  it('refuses a lookup to an unknown entity', () => {
    const issues = issuesAfter((p) => {
      person(p).properties.company['x-crm-lookup'] = { entity: 'firm' };
    });
    expect(issues).toContainEqual({ file: 'entities/person', path: '/properties/company/x-crm-lookup/entity', message: 'unknown entity "firm"' });
  });

  it('refuses a lookup kind without a target', () => {
    const issues = issuesAfter((p) => {
      person(p).properties.owner2 = { type: 'string', 'x-crm-type': 'lookup', 'x-crm-label': { 'zh-CN': '人', en: 'Who' } };
    });
    expect(issues).toEqual([{ file: 'entities/person', path: '/properties/owner2/x-crm-lookup', message: 'is required' }]);
  });

  it('refuses index, unique, duplicate-rule, display and required names of unknown fields', () => {
    const issues = issuesAfter((p) => {
      const c = company(p);
      c['x-crm-indexes'] = [{ fields: ['kind', 'size'] }];
      c['x-crm-unique'] = [{ fields: ['code'] }];
      c['x-crm-duplicate-rules']![0].fields[0].field = 'title';
      c['x-crm-display-field'] = 'label';
      c.required = ['name', 'vat'];
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { file: 'entities/company', path: '/x-crm-indexes/0/fields/1', message: 'unknown field "size"' },
        { file: 'entities/company', path: '/x-crm-unique/0/fields/0', message: 'unknown field "code"' },
        { file: 'entities/company', path: '/x-crm-duplicate-rules/0/fields/0/field', message: 'unknown field "title"' },
        { file: 'entities/company', path: '/x-crm-display-field', message: 'unknown field "label"' },
        { file: 'entities/company', path: '/required/1', message: '"vat" is not a field of this entity' },
      ]),
    );
    expect(issues).toHaveLength(5);
  });

  it('allows indexes on system fields', () => {
    const pkg = validPackage();
    company(pkg)['x-crm-indexes'] = [{ fields: ['ownerId', 'createdAt'] }];
    expect(validatePackage(pkg)).toEqual([]);
  });

  it('refuses enum labels and state machine states that are not enum values', () => {
    const issues = issuesAfter((p) => {
      const kind = company(p).properties.kind;
      kind['x-crm-enum-labels'] = { small: { 'zh-CN': '小', en: 'Small' }, large: { 'zh-CN': '大', en: 'Large' }, huge: { 'zh-CN': '巨', en: 'Huge' } };
      kind['x-crm-state-machine'] = { initial: 'tiny', transitions: { small: ['large', 'huge'], medium: [] } };
    });
    expect(issues).toEqual([
      { file: 'entities/company', path: '/properties/kind/x-crm-enum-labels/huge', message: '"huge" is not a value of the enum' },
      { file: 'entities/company', path: '/properties/kind/x-crm-state-machine/initial', message: '"tiny" is not a value of the enum' },
      { file: 'entities/company', path: '/properties/kind/x-crm-state-machine/transitions/small/1', message: '"huge" is not a value of the enum' },
      { file: 'entities/company', path: '/properties/kind/x-crm-state-machine/transitions/medium', message: '"medium" is not a value of the enum' },
    ]);
  });

  it('refuses a state machine on a non-enum field and enum labels missing a value', () => {
    const issues = issuesAfter((p) => {
      const c = company(p);
      c.properties.name['x-crm-state-machine'] = { transitions: {} };
      delete c.properties.kind['x-crm-enum-labels']!.large;
    });
    expect(issues).toEqual([
      { file: 'entities/company', path: '/properties/name/x-crm-state-machine', message: 'a state machine needs an enum field (this field is "text")' },
      { file: 'entities/company', path: '/properties/kind/x-crm-enum-labels', message: 'no label for enum value "large"' },
    ]);
  });

  it('refuses enum probabilities outside 0–100, for values the enum lacks, missing a value, or on a non-enum field', () => {
    const issues = issuesAfter((p) => {
      const c = company(p);
      c.properties.kind['x-crm-enum-probabilities'] = { small: 10, huge: 50 };
      c.properties.name['x-crm-enum-probabilities'] = {};
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        { file: 'entities/company', path: '/properties/kind/x-crm-enum-probabilities/huge', message: '"huge" is not a value of the enum' },
        { file: 'entities/company', path: '/properties/kind/x-crm-enum-probabilities', message: 'no probability for enum value "large"' },
        { file: 'entities/company', path: '/properties/name/x-crm-enum-probabilities', message: 'only an enum field may have probabilities (this field is "text")' },
      ]),
    );
    const range = issuesAfter((p) => {
      company(p).properties.kind['x-crm-enum-probabilities'] = { small: 10, large: 140 };
    });
    expect(range.map((i) => i.path)).toEqual(['/properties/kind/x-crm-enum-probabilities/large']);
  });

  it('refuses a field kind that does not fit the JSON type', () => {
    const issues = issuesAfter((p) => {
      company(p).properties.revenue.type = 'string';
      company(p).properties.size = { type: 'integer', enum: [1, 2], 'x-crm-label': { 'zh-CN': '规模', en: 'Size' } };
    });
    expect(issues).toContainEqual({
      file: 'entities/company',
      path: '/properties/revenue/type',
      message: 'JSON type "string" does not fit field kind "money" (allowed: number, integer)',
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: '/properties/size/type', message: expect.stringMatching(/does not fit field kind "enum"/) }));
  });

  it('refuses a field schema the records API could not compile, and a default that does not fit', () => {
    const issues = issuesAfter((p) => {
      person(p).properties.tags.items = { type: 'strin' };
      company(p).properties.name.default = 42;
    });
    expect(issues).toEqual([
      { file: 'entities/company', path: '/properties/name/default', message: 'default does not fit the field: data must be string' },
      { file: 'entities/person', path: '/properties/tags', message: expect.stringMatching(/^not a valid JSON Schema: schema is invalid/) },
    ]);
  });

  it('refuses duplicate entity names and columns that collide', () => {
    const issues = issuesAfter((p) => {
      p.entities.push(companyEntity());
      person(p).properties.companyId = { type: 'string', 'x-crm-label': { 'zh-CN': '编号', en: 'Company id' } };
    });
    expect(issues).toContainEqual({ file: 'entities/company', path: '/x-crm-entity', message: 'entity "company" is already defined in entities/company' });
    expect(issues).toContainEqual({
      file: 'entities/person',
      path: '/properties/companyId',
      message: 'field "companyId" maps to column "company_id", already the column of field "company"',
    });
  });

  it('refuses a view on an unknown entity, unknown columns and a kanban on a non-enum field', () => {
    const issues = issuesAfter((p) => {
      p.views[0].columns = ['lastName', 'company.nope', 'birthday.year', 'nickname', 'company.ownerId'];
      p.views[0].sort = [{ field: 'company', direction: 'asc' }, { field: 'age', direction: 'desc' }];
      p.views[0].kanban = { groupBy: 'lastName' };
      p.views[0].filter = { and: [{ field: 'company.size', op: 'eq', value: 1 }] };
      p.views[1].entity = 'firm';
    });
    expect(issues).toEqual([
      { file: 'views/people', path: '/columns/1', message: 'unknown field "nope" of entity "company"' },
      { file: 'views/people', path: '/columns/2', message: '"birthday" is not a lookup field of entity "person"' },
      { file: 'views/people', path: '/columns/3', message: 'unknown field "nickname" of entity "person"' },
      { file: 'views/people', path: '/sort/1/field', message: 'unknown field "age" of entity "person"' },
      { file: 'views/people', path: '/kanban/groupBy', message: 'a kanban groups by an enum field ("lastName" is "text")' },
      { file: 'views/people', path: '/filter/and/0/field', message: 'unknown field "size" of entity "company"' },
      { file: 'views/companies-by-kind', path: '/entity', message: 'unknown entity "firm"' },
    ]);
  });

  it('refuses grouping by an unknown or ungroupable field and default views for unknown or doubled roles', () => {
    const role = (key: string) => ({ 'x-crm-role': key, label: label(key), permissions: { person: { actions: ['read' as const] } } });
    const issues = issuesAfter((p) => {
      p.roles = [role('rep'), role('boss')];
      p.views[0].groupBy = 'tags';
      p.views[0].defaultFor = ['rep', 'intern'];
      p.views.push({ 'x-crm-view': 'people-2', entity: 'person', label: label('People 2'), columns: ['lastName'], groupBy: 'age', defaultFor: ['boss', 'rep'] });
      p.views.push({ 'x-crm-view': 'people-3', entity: 'person', label: label('People 3'), columns: ['lastName'], groupBy: 'company', defaultFor: ['boss'] });
    });
    expect(issues).toEqual([
      { file: 'views/people', path: '/groupBy', message: expect.stringContaining('cannot be grouped by a json field ("tags")') as string },
      { file: 'views/people', path: '/defaultFor/1', message: 'unknown role "intern"' },
      { file: 'views/people-2', path: '/groupBy', message: 'unknown field "age" of entity "person"' },
      { file: 'views/people-2', path: '/defaultFor/1', message: 'role "rep" already has a default view of entity "person" in views/people' },
      { file: 'views/people-3', path: '/defaultFor/0', message: 'role "boss" already has a default view of entity "person" in views/people-2' },
    ]);
  });

  it('refuses triggers on unknown entities, bad actions and unknown variable fields', () => {
    const issues = issuesAfter((p) => {
      p.triggers.push({ 'x-crm-trigger': 't2', entity: 'firm', on: ['create'], action: { type: 'correlate-message', messageName: 'm' } });
      p.triggers.push({ 'x-crm-trigger': 't3', entity: 'person', on: ['save' as 'create'], action: { type: 'start-process' } as never });
      (p.triggers[0].action.variables as Record<string, string>).x = 'company.vat';
    });
    expect(issues).toEqual([
      { file: 'triggers/t3', path: '/on/0', message: 'must be one of: "create", "update", "delete"' },
      { file: 'triggers/t3', path: '/action/processKey', message: 'is required' },
      { file: 'triggers/person-created', path: '/action/variables/x', message: 'unknown field "vat" of entity "company"' },
      { file: 'triggers/t2', path: '/entity', message: 'unknown entity "firm"' },
    ]);
  });

  it('accepts constants among trigger variables and refuses a constant that is not a scalar', () => {
    const ok = validPackage();
    Object.assign(ok.triggers[0].action.variables as object, { reminderAfter: { value: 'P2D' }, threshold: { value: 5000, description: 'large amount' }, strict: { value: false } });
    expect(validatePackage(ok)).toEqual([]);
    const issues = issuesAfter((p) => {
      Object.assign(p.triggers[0].action.variables as object, { bad: { value: { nested: 1 } }, empty: {} });
    });
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(['/action/variables/bad', '/action/variables/empty']));
    expect(issues.every((i) => i.file === 'triggers/person-created')).toBe(true);
  });

  it('accepts a disabled trigger', () => {
    const pkg = validPackage();
    pkg.triggers[0].enabled = false;
    expect(validatePackage(pkg)).toEqual([]);
  });

  it('reports every error of every document at once', () => {
    const issues = issuesAfter((p) => {
      delete (company(p).properties.name as Record<string, unknown>)['x-crm-label'];
      (company(p).properties.kind as Record<string, unknown>).maxLength = -1;
      company(p)['x-crm-entity'] = 'Company';
      person(p).properties.company['x-crm-lookup'] = { entity: 'firm' };
      p.views[0].columns.push('nickname');
    });
    const where = issues.map((i) => `${i.file}${i.path}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'entities/Company/properties/name/x-crm-label',
        'entities/Company/properties/kind/maxLength',
        'entities/Company/x-crm-entity',
        'entities/person/properties/company/x-crm-lookup/entity',
        'views/people/columns/4',
      ]),
    );
  });

  it('names documents by the caller, or by index when they have no name', () => {
    const pkg = validPackage();
    const bad = personEntity() as unknown as Record<string, unknown>;
    delete bad['x-crm-entity'];
    pkg.entities.push(bad as never);
    expect(plain(validatePackage(pkg))).toEqual([{ file: 'entities[2]', path: '/x-crm-entity', message: 'is required' }]);
    expect(validatePackage(pkg, (doc) => (doc === bad ? 'upload/person.json' : undefined))[0].file).toBe('upload/person.json');
  });

  it('never throws on documents of the wrong shape', () => {
    const pkg = { entities: [null, 3, { properties: [] }], views: ['x'], triggers: [{}] } as unknown as MetadataPackage;
    const issues = validatePackage(pkg);
    expect(issues.map((i) => i.file)).toEqual(expect.arrayContaining(['entities[0]', 'entities[1]', 'entities[2]', 'views[0]', 'triggers[0]']));
  });
});

describe('checkMetadataDir', () => {
  it('reports a file with a JSON syntax error by name and validates the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crm-metadata-'));
    mkdirSync(join(dir, 'entities'));
    mkdirSync(join(dir, 'views'));
    writeFileSync(join(dir, 'entities', 'company.json'), JSON.stringify(companyEntity()));
    writeFileSync(join(dir, 'entities', 'person.json'), '{\n  "type": "object",\n  "x-crm-entity": "person",\n}\n');
    writeFileSync(join(dir, 'views', 'people.json'), JSON.stringify({ 'x-crm-view': 'people', entity: 'person', label: { 'zh-CN': '人', en: 'People' }, columns: ['lastName'] }));
    writeFileSync(join(dir, 'views', 'notes.txt'), 'not metadata');

    const { pkg, issues } = checkMetadataDir(dir);

    expect(pkg.entities).toHaveLength(1);
    expect(pkg.files.get(pkg.entities[0])).toBe('entities/company.json');
    expect(plain(issues)).toEqual([
      { file: 'entities/person.json', path: '', message: expect.stringMatching(/^not valid JSON: .*\(line 4, column 1\)$/) },
      { file: 'views/people.json', path: '/entity', message: 'unknown entity "person"' },
    ]);
  });
});
