/**
 * The administration calls (docs/security.md): users (/api/org/users), organisation units
 * (/api/org/<kind>), the access policy (/api/metadata/roles, /api/metadata/sharing), one record's
 * shares and access explanation, and resource transfer (/api/transfer). Administrators only — the
 * server refuses everyone else.
 */
import { request } from './client.js';
import type { Label } from './types.js';

export interface UserRef {
  id: string;
  username: string;
  displayName: string;
}

export interface OrgUser extends UserRef {
  email: string | null;
  locale: string | null;
  role: string | null;
  department: { id: string; key: string; name: string } | null;
  manager: UserRef | null;
  active: boolean;
  isAdmin: boolean;
  isService: boolean;
}

export interface UserInput {
  username?: string;
  password?: string;
  displayName?: string;
  email?: string | null;
  departmentId?: string | null;
  managerId?: string | null;
  role?: string | null;
  active?: boolean;
  isAdmin?: boolean;
}

const users = '/api/org/users';
export const listOrgUsers = async (): Promise<OrgUser[]> => (await request<{ items: OrgUser[] }>('GET', users)).items;
export const createOrgUser = (body: UserInput) => request<OrgUser>('POST', users, { body });
export const updateOrgUser = (id: string, body: UserInput) => request<OrgUser>('PATCH', `${users}/${encodeURIComponent(id)}`, { body });
export const setUserPassword = (id: string, password: string) => request<void>('POST', `${users}/${encodeURIComponent(id)}/password`, { body: { password } });

/** The unit kinds by their path segment; departments place users with `departmentId`, the others have members. */
export type UnitKind = 'departments' | 'teams' | 'territories' | 'groups';

export interface OrgUnit {
  id: string;
  key: string;
  name: string;
  memberCount: number;
  parentId?: string | null;
  managerId?: string | null;
  regions?: string[];
  industries?: string[];
}

export interface OrgMember extends UserRef {
  manager?: boolean;
}

const unitPath = (kind: UnitKind, key?: string) => `/api/org/${kind}${key === undefined ? '' : `/${encodeURIComponent(key)}`}`;
export const listUnits = async (kind: UnitKind): Promise<OrgUnit[]> => (await request<{ items: OrgUnit[] }>('GET', unitPath(kind))).items;
export const getUnit = (kind: UnitKind, key: string) => request<OrgUnit & { members: OrgMember[] }>('GET', unitPath(kind, key));
export const createUnit = (kind: UnitKind, body: Partial<OrgUnit>) => request<OrgUnit>('POST', unitPath(kind), { body });
export const updateUnit = (kind: UnitKind, key: string, body: Partial<OrgUnit>) => request<OrgUnit>('PATCH', unitPath(kind, key), { body });
export const deleteUnit = (kind: UnitKind, key: string) => request<void>('DELETE', unitPath(kind, key));
export const addMember = (kind: UnitKind, key: string, userId: string, manager?: boolean) =>
  request<unknown>('POST', `${unitPath(kind, key)}/members/${encodeURIComponent(userId)}`, { body: manager === undefined ? {} : { manager } });
export const removeMember = (kind: UnitKind, key: string, userId: string) => request<void>('DELETE', `${unitPath(kind, key)}/members/${encodeURIComponent(userId)}`);

export const ACTIONS = ['create', 'read', 'update', 'delete', 'export', 'share', 'transfer'] as const;
export type Action = (typeof ACTIONS)[number];
export type FieldAccessLevel = 'edit' | 'read' | 'hidden';
export interface EntityPermission {
  actions: Action[];
  fields?: Record<string, FieldAccessLevel>;
}

export interface Role {
  key: string;
  label: Label;
  description?: string;
  parent: string | null;
  default: boolean;
  studio: boolean;
  permissions?: Record<string, EntityPermission>;
}

/** The role document as PUT /api/metadata/roles/:key takes it (the server publishes it). */
export interface RoleDocument {
  label: Label;
  /** The role in prose; an empty string removes it, leaving it out keeps the one it had. */
  description?: string;
  parent?: string;
  default?: boolean;
  studio?: boolean;
  permissions: Record<string, EntityPermission>;
}

export const listRoles = async (): Promise<Role[]> => (await request<{ roles: Role[] }>('GET', '/api/metadata/roles')).roles;
export const putRole = (key: string, doc: RoleDocument) => request<{ version: number; changed: boolean }>('PUT', `/api/metadata/roles/${encodeURIComponent(key)}`, { body: doc });
/** A new role: refused (409, `taken` at /x-crm-role) when a role has the key — PUT would replace that one. */
export const createRole = (key: string, doc: RoleDocument) => request<{ version: number; changed: boolean }>('POST', '/api/metadata/roles', { body: { 'x-crm-role': key, ...doc } });
export const deleteRole = (key: string) => request<{ version: number }>('DELETE', `/api/metadata/roles/${encodeURIComponent(key)}`);

/** A group of users, as rules and shares name it: `{department: "sales-east"}`, `{role: "sales-rep"}`, … */
export type GroupRef = Record<string, string | boolean>;
export type SharingDefault = 'private' | 'publicRead' | 'publicReadWrite';
export type RuleAccess = 'read' | 'edit';

export type SharingRule = { name: string; label?: Label; access: RuleAccess } & (
  | { type: 'owner'; owners: GroupRef; to: GroupRef }
  | { type: 'criteria'; condition: unknown; to: GroupRef }
  | { type: 'territory'; fields: { region?: string; industry?: string }; to: 'members' | 'managers' }
);

export interface SharingDocument {
  'x-crm-sharing': string;
  default: SharingDefault;
  hierarchy?: boolean;
  rules?: SharingRule[];
}

export const listSharing = async (): Promise<SharingDocument[]> => (await request<{ sharing: SharingDocument[] }>('GET', '/api/metadata/sharing')).sharing;
export const putSharing = (entity: string, doc: Omit<SharingDocument, 'x-crm-sharing'>) =>
  request<{ version: number; changed: boolean }>('PUT', `/api/metadata/sharing/${encodeURIComponent(entity)}`, { body: doc });

export type GranteeKind = 'user' | 'department' | 'role' | 'roleAndSubordinates' | 'team' | 'territory' | 'group';

export interface Share {
  id: string;
  grantee: { kind: GranteeKind; key: string; name: string | null };
  access: RuleAccess;
  createdBy: UserRef | null;
  createdAt: string;
}

const recordPath = (entity: string, id: string) => `/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
export const listShares = async (entity: string, id: string): Promise<Share[]> => (await request<{ items: Share[] }>('GET', `${recordPath(entity, id)}/shares`)).items;
export const addShare = (entity: string, id: string, grantee: { kind: GranteeKind; key: string }, access: RuleAccess) =>
  request<Share>('POST', `${recordPath(entity, id)}/shares`, { body: { grantee, access } });
export const removeShare = (entity: string, id: string, shareId: string) => request<void>('DELETE', `${recordPath(entity, id)}/shares/${encodeURIComponent(shareId)}`);

export type AccessLevel = 'none' | 'read' | 'edit' | 'full';

export interface AccessGrant {
  kind: 'default' | 'owner' | 'hierarchy' | 'rule' | 'share' | string;
  level: AccessLevel;
  rule?: string;
  via?: string;
}

export interface AccessExplanation {
  user: { id: string; username: string };
  level: AccessLevel;
  unrestricted: boolean;
  rolePermits: boolean;
  role: string | null;
  grants: AccessGrant[];
}

export const explainAccess = (entity: string, id: string, userId: string) => request<AccessExplanation>('GET', `${recordPath(entity, id)}/access`, { query: { user: userId } });

export interface TransferInput {
  fromUserId: string;
  toUserId: string;
  entities?: string[];
  tasks: boolean;
  shares: boolean;
  dryRun: boolean;
}

export interface TransferSummary {
  dryRun: boolean;
  fromUserId: string;
  toUserId: string;
  records: Record<string, { count: number; ids: string[] }>;
  tasks: { id: string; name: string | null; processInstanceId: string }[];
  shares: { entity: string; recordId: string; access: RuleAccess }[];
}

export const transferResources = (body: TransferInput) => request<TransferSummary>('POST', '/api/transfer', { body });
