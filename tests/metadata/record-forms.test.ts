/**
 * Record forms per role (metadata/checks/forms.ts): a record form may name the roles whose users
 * get it; one without roles is the default for everyone else. The checks refuse an unknown role at
 * its place, and per entity and purpose a second default form or a role claimed twice — naming the
 * other form. Compiling keeps the roles for the runtime's choice.
 */
import { compileModel, validatePackage, type FormDocument, type MetadataPackage, type RoleDocument } from '../../metadata/index.js';
import { label, plainIssues, validPackage } from './fixtures.js';

const role = (key: string): RoleDocument => ({ 'x-crm-role': key, label: label(key), permissions: { person: { actions: ['create', 'read', 'update'] } } });

/** A record form of person placing its required fields (lastName, company). */
function personForm(id: string, record: Partial<NonNullable<FormDocument['record']>> = {}): FormDocument {
  return {
    'x-crm-form': id,
    title: label(id),
    record: { entity: 'person', purposes: ['create', 'edit'], ...record },
    schema: { type: 'object', properties: { lastName: {}, company: {} } } as unknown as FormDocument['schema'],
  };
}

const withForms = (...forms: FormDocument[]): MetadataPackage => ({ ...validPackage(), roles: [role('rep'), role('manager')], forms });
const issues = (...forms: FormDocument[]) => plainIssues(validatePackage(withForms(...forms)));

describe('record forms per role', () => {
  it('accepts a default form beside forms for roles, on overlapping pages, and compiles their roles', () => {
    const forms = [personForm('person-record'), personForm('person-rep', { roles: ['rep'] }), personForm('person-manager-edit', { purposes: ['edit'], roles: ['manager'] })];
    expect(issues(...forms)).toEqual([]);
    const compiled = compileModel(withForms(...forms)).forms!;
    expect(compiled['person-rep'].record.roles).toEqual(['rep']);
    expect(compiled['person-record'].record.roles).toBeUndefined();
  });

  it('accepts forms for roles only, without a default form', () => {
    expect(issues(personForm('person-rep', { roles: ['rep'] }), personForm('person-manager', { roles: ['manager'] }))).toEqual([]);
  });

  it('refuses an unknown role at its place', () => {
    expect(issues(personForm('person-rep', { roles: ['rep', 'ghost'] }))).toEqual([{ file: 'forms/person-rep', path: '/record/roles/1', message: 'unknown role "ghost"' }]);
  });

  it('refuses a role given the same page by two forms, naming the other form, per page', () => {
    const found = issues(personForm('person-rep', { roles: ['rep'] }), personForm('person-rep-edit', { purposes: ['edit'], roles: ['manager', 'rep'] }));
    expect(found).toEqual([{ file: 'forms/person-rep-edit', path: '/record/roles/1', message: 'role "rep" already has a person edit form: forms/person-rep' }]);
    // Another entity's forms for the same role are no clash.
    const company: FormDocument = { 'x-crm-form': 'company-rep', title: label('c'), record: { entity: 'company', purposes: ['create', 'edit'], roles: ['rep'] }, schema: { type: 'object', properties: { name: {} } } as unknown as FormDocument['schema'] };
    expect(issues(personForm('person-rep', { roles: ['rep'] }), company)).toEqual([]);
  });

  it('refuses two default forms of the same page, naming the other form', () => {
    expect(issues(personForm('person-record'), personForm('person-quick', { purposes: ['create'] }))).toEqual([
      { file: 'forms/person-quick', path: '/record/purposes/0', message: 'person already has a create form for everyone (without roles): forms/person-record — give one of them roles' },
    ]);
  });

  it('refuses roles on a task form (roles choose who gets a record form) and an empty role list', () => {
    const task: FormDocument = { 'x-crm-form': 'task', title: label('t'), record: { entity: 'person', fields: { lastName: 'name' }, roles: ['rep'] }, schema: { type: 'object', properties: { name: { 'x-crm-label': label('Name') } } } };
    expect(issues(task)).toEqual([{ file: 'forms/task', path: '/record', message: 'must have property purposes when property roles is present' }]);
    expect(issues(personForm('person-rep', { roles: [] }))).toEqual([expect.objectContaining({ file: 'forms/person-rep', path: '/record/roles' })]);
  });
});
