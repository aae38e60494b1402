/**
 * candidateGroupsOf: a user's candidate group ids (docs/processes.md, "Tasks and forms") from the
 * memberships the principal carries — effective role, department and those above it, teams,
 * groups, territories (and those below them), territory-manager where they manage.
 */
import { loadModel } from '../../metadata/index.js';
import { candidateGroupsOf, parseCandidateGroup } from '../../runtime/access/index.js';
import type { User } from '../../runtime/auth/service.js';

const model = loadModel();
const user = (memberships: User['memberships'], extra: Partial<User> = {}): User => ({
  id: '00000000-0000-0000-0000-000000000001',
  username: 'u',
  displayName: 'U',
  isAdmin: false,
  isService: false,
  locale: 'en',
  memberships,
  ...extra,
});
const territory = (key: string, manager: boolean, direct: boolean) => ({ key, manager, direct, regions: [], industries: [] });

test('every kind of membership gives its candidate group ids', () => {
  const u = user({
    role: 'sales-rep',
    departments: ['east-sales', 'sales', 'hq'],
    teams: ['key-accounts'],
    groups: ['legal-reviewers'],
    territories: [territory('china', true, true), territory('east', true, false), territory('south', false, true)],
  });
  expect(candidateGroupsOf(u, model)).toEqual([
    'department:east-sales',
    'department:hq',
    'department:sales',
    'group:legal-reviewers',
    'role:sales-rep',
    'team:key-accounts',
    'territory-manager:china',
    'territory-manager:east',
    'territory:china',
    'territory:east',
    'territory:south',
  ]);
});

test('no role assigned: the default role; a role the model no longer has: none', () => {
  const none = { role: null, departments: [], teams: [], groups: [], territories: [] };
  expect(candidateGroupsOf(user(none), model)).toEqual([`role:${model.security.defaultRole}`]);
  expect(candidateGroupsOf(user({ ...none, role: 'retired-role' }), model)).toEqual([]);
  expect(candidateGroupsOf(user(undefined), model)).toEqual([`role:${model.security.defaultRole}`]);
});

test('candidate group ids parse into kind and key (keys may hold colons); others are none', () => {
  expect(parseCandidateGroup('territory-manager:east')).toEqual({ kind: 'territory-manager', key: 'east' });
  expect(parseCandidateGroup('group:a:b')).toEqual({ kind: 'group', key: 'a:b' });
  for (const bad of ['sales-managers', 'role:', ':x', 'user:123']) expect(parseCandidateGroup(bad)).toBeNull();
});
