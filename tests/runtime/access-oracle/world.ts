/**
 * The oracle's world: one organisation, its `deal` records, the sharing document of `deal` and the
 * manual shares — everything the record-access rules of docs/security.md read. Users, departments,
 * territories and deals are referred to by their index in these arrays; keys are the ones written
 * to `sec.*` (`d0`, `t0`, `tr0`, `g0`). The fixed policy (entity document and roles) is here too.
 */
import { ENTITY_ACTIONS, type EntityDocument, type RoleDocument, type SharingDocument } from '../../../metadata/index.js';

export const REGIONS = ['north', 'south', 'east', 'west'] as const;
export const INDUSTRIES = ['finance', 'retail', 'tech', 'energy'] as const;
export const STAGES = ['open', 'won', 'lost'] as const;

export interface Deal {
  owner: number | null;
  region: string | null;
  industry: string | null;
  stage: string;
  amount: number | null;
  /** Soft-deleted: only in the recycle bin. */
  deleted: boolean;
  /** Not part of the organisation but of the test plan: the user who tries one single-record path on this deal. */
  probe: { user: number; path: ProbePath };
}

export type ProbePath = 'get' | 'history' | 'update' | 'delete' | 'access';

/** A share's grantee: kind and key as stored in sec.share (`user` with the user's index). */
export type Grantee = { kind: 'user'; user: number } | { kind: 'department' | 'role' | 'roleAndSubordinates' | 'team' | 'territory' | 'group'; key: string };

export interface World {
  /** A tree: a parent's index is always smaller. */
  departments: { key: string; parent: number | null }[];
  /** `role` null = the default role. */
  users: { department: number | null; role: string | null }[];
  teams: { key: string; members: number[] }[];
  territories: { key: string; parent: number | null; regions: string[]; industries: string[]; members: { user: number; manager: boolean }[] }[];
  groups: { key: string; members: number[] }[];
  deals: Deal[];
  /** null: `deal` has no sharing document. */
  sharing: SharingDocument | null;
  shares: { deal: number; grantee: Grantee; access: 'read' | 'edit' }[];
}

export const DEAL_ENTITY = {
  'x-crm-entity': 'deal',
  'x-crm-label': { 'zh-CN': '交易', en: 'Deal' },
  'x-crm-plural-label': { 'zh-CN': '交易', en: 'Deals' },
  'x-crm-display-field': 'name',
  type: 'object',
  required: ['name'],
  properties: {
    name: { type: 'string', maxLength: 200, 'x-crm-label': { 'zh-CN': '名称', en: 'Name' } },
    region: { type: 'string', maxLength: 50, 'x-crm-label': { 'zh-CN': '地区', en: 'Region' } },
    industry: { type: 'string', enum: [...INDUSTRIES], 'x-crm-label': { 'zh-CN': '行业', en: 'Industry' } },
    amount: { type: 'number', minimum: 0, 'x-crm-type': 'money', 'x-crm-label': { 'zh-CN': '金额', en: 'Amount' } },
    stage: { type: 'string', enum: [...STAGES], 'x-crm-label': { 'zh-CN': '阶段', en: 'Stage' } },
  },
} as unknown as EntityDocument;

const ALL = [...ENTITY_ACTIONS];
const role = (key: string, parent: string | undefined, permissions: RoleDocument['permissions'], isDefault = false): RoleDocument => ({
  'x-crm-role': key,
  label: { 'zh-CN': key, en: key },
  ...(parent ? { parent } : {}),
  ...(isDefault ? { default: true } : {}),
  permissions,
});

/**
 * ceo > director > manager > rep > intern, ceo > finance; employee (the default) stands alone.
 * finance may only read and export deals, employee read and update them (through "*"), intern
 * nothing at all.
 */
export const ROLES: RoleDocument[] = [
  role('ceo', undefined, { deal: { actions: ALL } }),
  role('director', 'ceo', { deal: { actions: ALL } }),
  role('manager', 'director', { deal: { actions: ALL } }),
  role('rep', 'manager', { deal: { actions: ALL } }),
  role('intern', 'rep', {}),
  role('finance', 'ceo', { deal: { actions: ['read', 'export'] } }),
  role('employee', undefined, { '*': { actions: ['read', 'update'] } }, true),
];
export const ROLE_KEYS = ROLES.map((r) => r['x-crm-role']);
