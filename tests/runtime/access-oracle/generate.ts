/**
 * fast-check arbitraries for a whole world. References between parts (a user's department, a
 * territory's parent, a share's record) are drawn as free numbers and resolved modulo the sizes in
 * `resolve`, so every part shrinks on its own and a shrunk world stays consistent.
 */
import fc from 'fast-check';
import type { GroupRef, SharingDocument, SharingRule } from '../../../metadata/index.js';
import { INDUSTRIES, REGIONS, ROLE_KEYS, STAGES, type Grantee, type ProbePath, type World } from './world.js';

/** A user's role may also be one the metadata no longer has (assigned, then unpublished): no permissions. */
const USER_ROLES = [...ROLE_KEYS, 'retired'];
const ref = fc.nat(31);
const optRef = fc.option(ref, { nil: null, freq: 3 });
const access = fc.constantFrom<'read' | 'edit'>('read', 'edit');
const keyIndex = fc.nat(4); // a key index resolved modulo the count — or, above it, a key nobody has

/** A group reference with unresolved key indexes. */
const groupRef = fc.oneof(
  fc.record({ department: keyIndex, withSubdepartments: fc.boolean() }),
  fc.record({ role: fc.constantFrom(...ROLE_KEYS) }),
  fc.record({ roleAndSubordinates: fc.constantFrom(...ROLE_KEYS) }),
  fc.record({ team: keyIndex }),
  fc.record({ territory: keyIndex }),
  fc.record({ group: keyIndex }),
);
type RawGroup = typeof groupRef extends fc.Arbitrary<infer T> ? T : never;

/** Criteria conditions in the records filter's JSON forms (see runtime/records/filter.ts). */
const leaf = fc.oneof(
  fc.constantFrom(...INDUSTRIES).map((v) => ({ industry: v })),
  fc.constantFrom(...INDUSTRIES).map((v) => ({ field: 'industry', op: 'ne', value: v })),
  fc.subarray([...STAGES], { minLength: 1 }).map((v) => ({ stage: { in: v } })),
  fc.integer({ min: 0, max: 1000 }).map((v) => ({ amount: { gt: v } })),
  fc.integer({ min: 0, max: 1000 }).map((v) => ({ field: 'amount', op: 'lte', value: v })),
  fc.boolean().map((v) => ({ region: { isNull: v } })),
);
const condition = fc.oneof(
  { arbitrary: leaf, weight: 4 },
  { arbitrary: leaf.map((l) => ({ not: l })), weight: 1 },
  { arbitrary: fc.tuple(leaf, leaf).map((ls) => ({ or: ls })), weight: 1 },
  { arbitrary: fc.tuple(leaf, leaf).map((ls) => ({ and: ls })), weight: 1 },
);

const ownerRule = fc.record({ type: fc.constant('owner' as const), owners: groupRef, to: groupRef, access });
const criteriaRule = fc.record({ type: fc.constant('criteria' as const), condition, to: groupRef, access });
const territoryRule = fc.record({
  type: fc.constant('territory' as const),
  fields: fc.constantFrom({ region: 'region', industry: 'industry' }, { region: 'region' }, { industry: 'industry' }),
  to: fc.constantFrom<'members' | 'managers'>('members', 'managers'),
  access,
});

/** 0–4 rules of each type. */
const sharing = fc.record({
  default: fc.constantFrom<'private' | 'publicRead' | 'publicReadWrite'>('private', 'private', 'publicRead', 'publicReadWrite'),
  hierarchy: fc.option(fc.boolean(), { nil: undefined, freq: 3 }),
  rules: fc
    .tuple(fc.array(ownerRule, { maxLength: 4 }), fc.array(criteriaRule, { maxLength: 4 }), fc.array(territoryRule, { maxLength: 4 }))
    .map(([owner, criteria, territory]) => [...owner, ...criteria, ...territory]),
});

const grantee = fc.oneof(
  fc.record({ kind: fc.constant('user' as const), user: ref }),
  fc.record({ kind: fc.constantFrom('department' as const, 'team' as const, 'territory' as const, 'group' as const), key: keyIndex }),
  fc.record({ kind: fc.constantFrom('role' as const, 'roleAndSubordinates' as const), key: fc.constantFrom(...USER_ROLES) }),
);

const members = fc.array(ref, { maxLength: 4 });

const raw = fc.record({
  departments: fc.array(optRef, { minLength: 1, maxLength: 5 }),
  users: fc.array(fc.record({ department: optRef, role: fc.option(fc.constantFrom(...USER_ROLES), { nil: null, freq: 3 }) }), { minLength: 3, maxLength: 8 }),
  teams: fc.array(members, { maxLength: 3 }),
  territories: fc.array(
    fc.record({
      parent: optRef,
      regions: fc.subarray([...REGIONS], { maxLength: 2 }),
      industries: fc.subarray([...INDUSTRIES], { maxLength: 2 }),
      members: fc.array(fc.record({ user: ref, manager: fc.boolean() }), { maxLength: 3 }),
    }),
    { maxLength: 4 },
  ),
  groups: fc.array(members, { maxLength: 3 }),
  deals: fc.array(
    fc.record({
      owner: fc.option(ref, { nil: null, freq: 10 }),
      region: fc.option(fc.constantFrom(...REGIONS), { nil: null, freq: 8 }),
      industry: fc.option(fc.constantFrom(...INDUSTRIES), { nil: null, freq: 8 }),
      stage: fc.constantFrom(...STAGES),
      amount: fc.option(fc.integer({ min: 0, max: 1000 }), { nil: null, freq: 8 }),
      deleted: fc.oneof({ arbitrary: fc.constant(false), weight: 5 }, { arbitrary: fc.constant(true), weight: 1 }),
      probe: fc.record({ user: ref, path: fc.constantFrom<ProbePath>('get', 'history', 'update', 'delete', 'access') }),
    }),
    { minLength: 5, maxLength: 25 },
  ),
  sharing: fc.option(sharing, { nil: null, freq: 8 }),
  shares: fc.array(fc.record({ deal: ref, grantee, access }), { maxLength: 8 }),
});

type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

/** Turn free numbers into indexes and keys of this world; drop duplicate members and shares. */
function resolve(r: Raw): World {
  const key = (prefix: string, count: number, i: number) => `${prefix}${count > 0 && i < count ? i : i % (count + 1)}`;
  const users = r.users.length;
  const uniq = (xs: number[]) => [...new Set(xs.map((x) => x % users))];
  const parent = (p: number | null, i: number) => (p === null || i === 0 ? null : p % i);
  const group = (g: RawGroup): GroupRef => {
    if ('department' in g) return { department: key('d', r.departments.length, g.department), ...(g.withSubdepartments ? { withSubdepartments: true } : {}) };
    if ('team' in g) return { team: key('t', r.teams.length, g.team) };
    if ('territory' in g) return { territory: key('tr', r.territories.length, g.territory) };
    if ('group' in g) return { group: key('g', r.groups.length, g.group) };
    return g;
  };
  const prefixes: Record<string, [string, number]> = { department: ['d', r.departments.length], team: ['t', r.teams.length], territory: ['tr', r.territories.length], group: ['g', r.groups.length] };
  const toGrantee = (g: Raw['shares'][number]['grantee']): Grantee => {
    if (g.kind === 'user') return { kind: 'user', user: g.user % users };
    if (g.kind === 'role' || g.kind === 'roleAndSubordinates') return { kind: g.kind, key: g.key };
    const [prefix, count] = prefixes[g.kind];
    return { kind: g.kind, key: key(prefix, count, g.key as number) };
  };
  const seenShares = new Set<string>();
  const shares = r.shares
    .map((s) => ({ deal: s.deal % r.deals.length, grantee: toGrantee(s.grantee), access: s.access }))
    .filter((s) => {
      const id = `${s.deal}/${s.grantee.kind}/${s.grantee.kind === 'user' ? s.grantee.user : s.grantee.key}`;
      return !seenShares.has(id) && seenShares.add(id);
    });
  const rules: SharingRule[] | undefined = r.sharing?.rules.map((x, i) => {
    const name = `r${i}`;
    if (x.type === 'owner') return { name, type: x.type, owners: group(x.owners), to: group(x.to), access: x.access };
    if (x.type === 'criteria') return { name, type: x.type, condition: x.condition, to: group(x.to), access: x.access };
    return { name, ...x };
  });
  const doc: SharingDocument | null = r.sharing && {
    'x-crm-sharing': 'deal',
    default: r.sharing.default,
    ...(r.sharing.hierarchy === undefined ? {} : { hierarchy: r.sharing.hierarchy }),
    rules: rules!,
  };
  return {
    departments: r.departments.map((p, i) => ({ key: `d${i}`, parent: parent(p, i) })),
    users: r.users.map((u) => ({ department: u.department === null ? null : u.department % r.departments.length, role: u.role })),
    teams: r.teams.map((m, i) => ({ key: `t${i}`, members: uniq(m) })),
    territories: r.territories.map((t, i) => ({
      key: `tr${i}`,
      parent: parent(t.parent, i),
      regions: t.regions,
      industries: t.industries,
      members: t.members.map((m) => ({ user: m.user % users, manager: m.manager })).filter((m, j, all) => all.findIndex((x) => x.user === m.user) === j),
    })),
    groups: r.groups.map((m, i) => ({ key: `g${i}`, members: uniq(m) })),
    deals: r.deals.map((d) => ({ ...d, owner: d.owner === null ? null : d.owner % users, probe: { ...d.probe, user: d.probe.user % users } })),
    sharing: doc,
    shares,
  };
}

export const worlds: fc.Arbitrary<World> = raw.map(resolve);
