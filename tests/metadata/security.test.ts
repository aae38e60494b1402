/**
 * Role and sharing documents (docs/security.md): the meta-schemas and the cross-document checks
 * refuse what the access builder could not honour, naming the file and JSON path; compiling
 * resolves the role hierarchy.
 */
import { compileModel, validatePackage, type MetadataPackage, type RoleDocument, type SharingDocument } from '../../metadata/index.js';
import { plainIssues, validPackage } from './fixtures.js';

const label = (en: string) => ({ 'zh-CN': `中文${en}`, en });

function role(key: string, over: Partial<RoleDocument> = {}): RoleDocument {
  return { 'x-crm-role': key, label: label(key), permissions: { company: { actions: ['read'] } }, ...over };
}

function withSecurity(roles: RoleDocument[], sharing: SharingDocument[] = []): MetadataPackage {
  return { ...validPackage(), roles, sharing };
}

const issues = (roles: RoleDocument[], sharing: SharingDocument[] = []) => plainIssues(validatePackage(withSecurity(roles, sharing)));

describe('role documents', () => {
  it('accepts a hierarchy with one default role and compiles ancestors and descendants', () => {
    const roles = [role('boss'), role('lead', { parent: 'boss' }), role('rep', { parent: 'lead', default: true }), role('other', { parent: 'boss' })];
    expect(issues(roles)).toEqual([]);
    const { security } = compileModel(withSecurity(roles));
    expect(security.defaultRole).toBe('rep');
    expect(security.roles.rep.ancestors).toEqual(['lead', 'boss']);
    expect(security.roles.boss.descendants.sort()).toEqual(['lead', 'other', 'rep']);
    expect(security.roles.other.descendants).toEqual([]);
  });

  it('refuses an unknown parent, a loop, two default roles and duplicate names', () => {
    expect(issues([role('a', { parent: 'ghost' })])).toEqual([{ file: 'roles/a', path: '/parent', message: 'unknown role "ghost"' }]);
    const loop = issues([role('a', { parent: 'b' }), role('b', { parent: 'a' })]);
    expect(loop.map((i) => i.message)).toEqual(['the role hierarchy loops: a → b → a', 'the role hierarchy loops: b → a → b']);
    expect(issues([role('a', { default: true }), role('b', { default: true })])).toEqual([{ file: 'roles/b', path: '/default', message: 'role "a" is already the default role' }]);
    expect(issues([role('a'), role('a')])).toContainEqual({ file: 'roles/a', path: '/x-crm-role', message: expect.stringContaining('already defined') as string });
  });

  it('refuses permissions on unknown entities, fields and actions, and field rules under *', () => {
    const found = issues([
      role('a', {
        permissions: {
          ghost: { actions: ['read'] },
          company: { actions: ['read', 'fly' as never], fields: { nope: 'hidden', name: 'invisible' as never } },
          '*': { actions: ['read'], fields: { name: 'read' } },
        },
      }),
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        { file: 'roles/a', path: '/permissions/ghost', message: 'unknown entity "ghost"' },
        { file: 'roles/a', path: '/permissions/company/actions/1', message: expect.stringContaining('must be one of') as string },
        { file: 'roles/a', path: '/permissions/company/fields/name', message: 'must be one of: "edit", "read", "hidden"' },
        { file: 'roles/a', path: '/permissions/*/fields', message: 'field permissions need a named entity' },
      ]),
    );
  });
});

describe('sharing documents', () => {
  const roles = [role('boss'), role('rep', { parent: 'boss' })];
  const sharing = (over: Partial<SharingDocument>): SharingDocument => ({ 'x-crm-sharing': 'company', default: 'private', ...over });

  it('accepts owner, criteria and territory rules over the entity’s own fields', () => {
    const doc = sharing({
      rules: [
        { name: 'bosses-see-reps', type: 'owner', owners: { role: 'rep' }, to: { roleAndSubordinates: 'boss' }, access: 'read' },
        { name: 'large', type: 'criteria', condition: { field: 'kind', op: 'eq', value: 'large' }, to: { group: 'key-accounts' }, access: 'edit' },
        { name: 'by-name', type: 'territory', fields: { region: 'name' }, to: 'managers', access: 'read' },
      ],
    });
    expect(issues(roles, [doc])).toEqual([]);
  });

  it('refuses an unknown entity, a second document for one entity, and an unknown default', () => {
    const found = issues(roles, [sharing({}), sharing({}), { 'x-crm-sharing': 'ghost', default: 'open' as never }]);
    expect(found).toEqual(
      expect.arrayContaining([
        { file: 'sharing/company', path: '/x-crm-sharing', message: expect.stringContaining('already has sharing rules') as string },
        { file: 'sharing/ghost', path: '/default', message: 'must be one of: "private", "publicRead", "publicReadWrite"' },
      ]),
    );
  });

  it('refuses duplicate rule names, unknown roles, lookup paths and variables in conditions, and bad territory fields', () => {
    const found = issues(roles, [
      sharing({
        rules: [
          { name: 'x', type: 'owner', owners: { role: 'ghost' }, to: { role: 'rep' }, access: 'read' },
          { name: 'x', type: 'criteria', condition: { field: 'parentCompany.name', op: 'eq', value: 'A' }, to: { roleAndSubordinates: 'nobody' }, access: 'read' },
          { name: 'y', type: 'criteria', condition: { field: 'ownerId', op: 'eq', value: { $var: 'me' } }, to: { team: 't' }, access: 'read' },
          { name: 'z', type: 'territory', fields: { region: 'revenue', industry: 'missing' }, to: 'members', access: 'edit' },
        ],
      }),
    ]);
    expect(found).toEqual(
      expect.arrayContaining([
        { file: 'sharing/company', path: '/rules/0/owners/role', message: 'unknown role "ghost"' },
        { file: 'sharing/company', path: '/rules/1/name', message: 'rule "x" is already defined' },
        { file: 'sharing/company', path: '/rules/1/to/roleAndSubordinates', message: 'unknown role "nobody"' },
        { file: 'sharing/company', path: '/rules/1/condition/field', message: 'a sharing condition can only use the entity’s own fields' },
        { file: 'sharing/company', path: '/rules/2/condition/value/$var', message: 'a sharing condition cannot use variables' },
        { file: 'sharing/company', path: '/rules/3/fields/region', message: 'a territory field must be text or enum ("revenue" is "money")' },
        { file: 'sharing/company', path: '/rules/3/fields/industry', message: 'unknown field "missing" of entity "company"' },
      ]),
    );
  });

  it('refuses a rule whose shape does not match its type, and a group naming two kinds', () => {
    const found = issues(roles, [
      sharing({
        rules: [
          { name: 'a', type: 'owner', to: { role: 'rep' }, access: 'read' } as never,
          { name: 'b', type: 'criteria', condition: {}, to: { role: 'rep', team: 't' } as never, access: 'read' },
        ],
      }),
    ]);
    expect(found).toContainEqual({ file: 'sharing/company', path: '/rules/0/owners', message: 'is required' });
    expect(found.some((i) => i.path.startsWith('/rules/1/to'))).toBe(true);
  });
});
