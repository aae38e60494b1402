/**
 * Writes a world into the test server's database in one transaction, straight into `sec.*` and
 * `crm.deal` (the oracle runs a thousand worlds; going through the org API each time would take
 * minutes). The previous world's rows go first; the pool users are kept and re-placed. The sharing
 * document is metadata: it is published through the API, and only when it changed.
 */
import { randomUUID } from 'node:crypto';
import type { CompiledEntity } from '../../../metadata/index.js';
import type { ApiClient, TestServer } from '../../support/harness.js';
import { DEAL_ENTITY, ROLES, type World } from './world.js';

/** The ids the world's indexes stood for in the last `storeWorld`. */
export interface Stored {
  users: string[];
  deals: string[];
}

const rows = (sql: string) => `jsonb_to_recordset($1::jsonb) as x(${sql})`;

export async function storeWorld(t: TestServer, pool: string[], w: World): Promise<Stored> {
  const deal = t.server.store.current.entities.deal as CompiledEntity;
  const col = (field: string) => deal.fields.find((f) => f.name === field)!.column;
  const ids = (n: number) => Array.from({ length: n }, () => randomUUID());
  const dept = ids(w.departments.length);
  const team = ids(w.teams.length);
  const terr = ids(w.territories.length);
  const group = ids(w.groups.length);
  const deals = ids(w.deals.length);
  const user = (i: number | null) => (i === null ? null : pool[i]);
  await t.server.db.tx(async (q) => {
    await q.query(`delete from crm.${deal.table}`);
    await q.query('delete from sec.share');
    await q.query('delete from sec.team'); // members cascade
    await q.query('delete from sec.group');
    await q.query('update sec.territory set parent_id = null');
    await q.query('delete from sec.territory');
    await q.query('update sec.user set department_id = null, role = null where id = any($1::uuid[])', [pool]);
    await q.query('update sec.department set parent_id = null');
    await q.query('delete from sec.department');
    const insert = async (sql: string, list: unknown[]) => {
      if (list.length > 0) await q.query(sql, [JSON.stringify(list)]);
    };
    await insert(
      `insert into sec.department (id, key, name, parent_id) select id, key, key, parent_id from ${rows('id uuid, key text, parent_id uuid')}`,
      w.departments.map((d, i) => ({ id: dept[i], key: d.key, parent_id: d.parent === null ? null : dept[d.parent] })),
    );
    await insert(
      `update sec.user u set department_id = x.department_id, role = x.role from ${rows('id uuid, department_id uuid, role text')} where u.id = x.id`,
      w.users.map((u, i) => ({ id: pool[i], department_id: u.department === null ? null : dept[u.department], role: u.role })),
    );
    await insert(`insert into sec.team (id, key, name) select id, key, key from ${rows('id uuid, key text')}`, w.teams.map((x, i) => ({ id: team[i], key: x.key })));
    await insert(
      `insert into sec.team_member (team_id, user_id) select team_id, user_id from ${rows('team_id uuid, user_id uuid')}`,
      w.teams.flatMap((x, i) => x.members.map((m) => ({ team_id: team[i], user_id: pool[m] }))),
    );
    await insert(
      `insert into sec.territory (id, key, name, parent_id, regions, industries) select id, key, key, parent_id, regions, industries from ${rows('id uuid, key text, parent_id uuid, regions text[], industries text[]')}`,
      w.territories.map((x, i) => ({ id: terr[i], key: x.key, parent_id: x.parent === null ? null : terr[x.parent], regions: x.regions, industries: x.industries })),
    );
    await insert(
      `insert into sec.territory_member (territory_id, user_id, is_manager) select territory_id, user_id, is_manager from ${rows('territory_id uuid, user_id uuid, is_manager boolean')}`,
      w.territories.flatMap((x, i) => x.members.map((m) => ({ territory_id: terr[i], user_id: pool[m.user], is_manager: m.manager }))),
    );
    await insert(`insert into sec.group (id, key, name) select id, key, key from ${rows('id uuid, key text')}`, w.groups.map((x, i) => ({ id: group[i], key: x.key })));
    await insert(
      `insert into sec.group_member (group_id, user_id) select group_id, user_id from ${rows('group_id uuid, user_id uuid')}`,
      w.groups.flatMap((x, i) => x.members.map((m) => ({ group_id: group[i], user_id: pool[m] }))),
    );
    const [name, region, industry, stage, amount] = ['name', 'region', 'industry', 'stage', 'amount'].map(col);
    await insert(
      `insert into crm.${deal.table} (id, owner_id, created_by, deleted_at, ${name}, ${region}, ${industry}, ${stage}, ${amount})
       select id, owner_id, owner_id, case when deleted then now() end, name, region, industry, stage, amount
         from ${rows('id uuid, owner_id uuid, deleted boolean, name text, region text, industry text, stage text, amount numeric')}`,
      w.deals.map((d, i) => ({ id: deals[i], owner_id: user(d.owner), deleted: d.deleted, name: `oracle deal ${i}`, region: d.region, industry: d.industry, stage: d.stage, amount: d.amount })),
    );
    await insert(
      `insert into sec.share (entity, record_id, grantee_kind, grantee_key, access) select 'deal', record_id, grantee_kind, grantee_key, access from ${rows('record_id uuid, grantee_kind text, grantee_key text, access text')}`,
      w.shares.map((s) => ({ record_id: deals[s.deal], grantee_kind: s.grantee.kind, grantee_key: s.grantee.kind === 'user' ? pool[s.grantee.user] : s.grantee.key, access: s.access })),
    );
  });
  return { users: pool.slice(0, w.users.length), deals };
}

/** Publishes `deal`, the roles and the world's sharing document unless exactly that is live. */
export function publisher(admin: ApiClient) {
  let live: string | undefined;
  return async (w: World): Promise<void> => {
    const pkg = { entities: [DEAL_ENTITY], roles: ROLES, sharing: w.sharing ? [w.sharing] : [] };
    const json = JSON.stringify(pkg);
    if (json === live) return;
    const res = await admin.post('/api/metadata/publish', pkg);
    if (res.status !== 200 && res.status !== 201) throw new Error(`publish failed: ${res.status} ${JSON.stringify(res.body)}`);
    live = json;
  };
}
