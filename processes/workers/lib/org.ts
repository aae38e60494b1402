/**
 * The organisation as workers read it through /api/org: users with role, department and manager
 * (service accounts may list them), departments and territories (trees), and the members a candidate
 * group id stands for (the ids of docs/processes: role:, department:, team:, group:, territory:,
 * territory-manager:). Read once per task: a step needs a consistent picture, not a cache.
 */
import type { WorkerContext } from '../types.js';
import { apiJson } from './api.js';

export interface OrgUser {
  id: string;
  displayName: string;
  role: string | null;
  active: boolean;
  isService: boolean;
  department: { id: string; key: string } | null;
  manager: { id: string } | null;
}
interface Unit {
  id: string;
  key: string;
  parentId?: string | null;
  managerId?: string | null;
  regions?: string[] | null;
  industries?: string[] | null;
}
interface Member {
  id: string;
  manager?: boolean;
}

export class Org {
  private constructor(
    private readonly ctx: WorkerContext,
    readonly users: OrgUser[],
    readonly departments: Unit[],
    readonly territories: Unit[],
  ) {}

  static async load(ctx: WorkerContext): Promise<Org> {
    const [users, departments, territories] = await Promise.all([
      apiJson<{ items: OrgUser[] }>(ctx, 'GET', '/org/users'),
      apiJson<{ items: Unit[] }>(ctx, 'GET', '/org/departments'),
      apiJson<{ items: Unit[] }>(ctx, 'GET', '/org/territories'),
    ]);
    return new Org(ctx, users.items.filter((u) => u.active && !u.isService), departments.items, territories.items);
  }

  /** The unit and every unit above it, nearest first. */
  chain(units: Unit[], key: string): Unit[] {
    const byId = new Map(units.map((u) => [u.id, u]));
    const out: Unit[] = [];
    for (let u = units.find((x) => x.key === key); u && !out.includes(u); u = u.parentId ? byId.get(u.parentId) : undefined) out.push(u);
    return out;
  }

  /** The unit and every unit below it. */
  private subtree(units: Unit[], key: string): Unit[] {
    const root = units.find((x) => x.key === key);
    if (!root) return [];
    const out = [root];
    for (let i = 0; i < out.length; i++) out.push(...units.filter((u) => u.parentId === out[i].id && !out.includes(u)));
    return out;
  }

  private async members(plural: string, key: string): Promise<Member[]> {
    const res = await this.ctx.api(`/org/${plural}/${encodeURIComponent(key)}`);
    if (res.status === 404) return [];
    if (!res.ok) throw new Error(`GET /api/org/${plural}/${key}: ${res.status}`);
    return ((await res.json()) as { members: Member[] }).members;
  }

  /** The active people a candidate group id (or a user id) stands for. */
  async membersOf(group: string): Promise<string[]> {
    const i = group.indexOf(':');
    if (i < 0) return this.users.some((u) => u.id === group.toLowerCase()) ? [group.toLowerCase()] : [];
    const kind = group.slice(0, i);
    const key = group.slice(i + 1);
    const active = new Set(this.users.map((u) => u.id));
    let ids: string[] = [];
    if (kind === 'role') ids = this.users.filter((u) => u.role === key).map((u) => u.id);
    else if (kind === 'department') {
      const keys = new Set(this.subtree(this.departments, key).map((d) => d.key));
      ids = this.users.filter((u) => u.department && keys.has(u.department.key)).map((u) => u.id);
    } else if (kind === 'team' || kind === 'group') ids = (await this.members(`${kind}s`, key)).map((m) => m.id);
    else if (kind === 'territory' || kind === 'territory-manager') {
      for (const t of this.chain(this.territories, key))
        ids.push(...(await this.members('territories', t.key)).filter((m) => kind === 'territory' || m.manager).map((m) => m.id));
    }
    return [...new Set(ids)].filter((id) => active.has(id));
  }

  /** A person's manager: their own, else their department's (when that is not themselves). */
  managerOf(userId: string): string | null {
    const user = this.users.find((u) => u.id === userId);
    if (!user) return null;
    if (user.manager) return user.manager.id;
    const dept = user.department ? this.departments.find((d) => d.id === user.department!.id) : undefined;
    return dept?.managerId && dept.managerId !== userId ? dept.managerId : null;
  }
}
