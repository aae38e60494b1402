/**
 * `npm run bench:sharing` — record access at scale (docs/security.md, "Record access"): list pages
 * of accounts over HTTP for a sales rep (a few thousand visible accounts), a regional manager
 * (about a tenth of all accounts: role hierarchy + territory rule) and an admin (unrestricted),
 * each against the same request without sharing.
 *
 * The world: BENCH_ACCOUNTS accounts (default 1,000,000), BENCH_USERS users (default 2,000) in 10
 * sales regions, a role tree 8 levels deep (general-manager > sales-director > per region: regional
 * manager > area > district > team lead > senior rep > rep; 66 roles with the shipped ones), a
 * department tree, 40 teams, a territory tree (all > region > sub-region), two explicit groups,
 * 200 sharing rules on accounts (owner rules between departments, roles, teams and groups;
 * criteria rules on region/industry/level/state; one territory rule for managers) and BENCH_SHARES
 * manual shares (default 5 % of the accounts) with users, teams and departments. Roles and sharing
 * are published through POST /api/metadata/publish with the shipped documents; the organisation
 * and the records are generated with SQL (generate_series), then VACUUM ANALYZE.
 *
 * Measured, one request at a time (p50/p95/p99 after an untimed warm-up, users interleaved in
 * rounds so the machine's other load falls on all of them alike):
 *  - HTTP: GET /api/records/account?filter=…&sort=…&limit=50 as each user (session cookie); the
 *    reference is the admin's identical request — same route, authentication, parsing, decoding
 *    and JSON; the only difference is the access predicate (admins have none).
 *  - SQL: the statement that very list call runs (captured from the records use case the handler
 *    calls), on the server's own pool; the reference is the admin's statement for the same query,
 *    i.e. the same statement without the access predicate. This isolates the database's share.
 *  - count=true separately (counting every visible row is a different cost than a page).
 * BENCH_EXPLAIN=1 prints EXPLAIN (ANALYZE, BUFFERS) of each case's first statement per user.
 *
 * Env: BENCH_ACCOUNTS, BENCH_USERS (at least 100), BENCH_SHARES, BENCH_SAMPLES (per user and list
 * case; default 200 from 1,000,000 accounts on, else 40; count cases take a quarter),
 * BENCH_WARMUP (default SAMPLES / 10), DATABASE_URL (else embedded PostgreSQL; the bench's
 * database is left there then, for EXPLAIN by hand).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadMetadataDir, type RoleDocument, type SharingDocument, type SharingRule } from '../metadata/index.js';
import { ensureDatabase, loadConfig, startEmbeddedPostgres, startServer, type Queryable, type RunningServer } from '../runtime/index.js';
import { modelFor } from '../runtime/access/index.js';
import { loadPrincipal } from '../runtime/auth/service.js';
import { listQueryFrom, listRecords } from '../runtime/records/read.js';

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 1_000_000);
const USERS = Number(process.env.BENCH_USERS ?? 2000);
const SHARES = Number(process.env.BENCH_SHARES ?? Math.round(ACCOUNTS * 0.05));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? (ACCOUNTS >= 1_000_000 ? 200 : 40));
const WARMUP = Number(process.env.BENCH_WARMUP ?? Math.ceil(SAMPLES / 10));
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const PASSWORD = 'bench-password';
const ROOT = new URL('../', import.meta.url).pathname;
if (USERS < 100) throw new Error('BENCH_USERS must be at least 100 (10 regions of at least 6 roles each)');

const REGIONS = 10;
const SUBREGIONS = 10;
const TEAMS = 4;
const INDUSTRIES = ['manufacturing', 'trade', 'finance', 'utilities', 'government', 'construction', 'tourism', 'newEconomy', 'conglomerate', 'other'];
const STATES = ['target', 'potential', 'formal', 'sealed'];
/** The per-region role chain, top down: regional manager, area, district, team lead, senior rep, rep. */
const CHAIN = ['rm', 'am', 'dm', 'tl', 'sr', 'rep'] as const;
const regionValue = (r: number, s: number) => `R${r}-${s}`;
const teamKey = (r: number, t: number) => `team-${r}-${t}`;
const districtKey = (r: number, d: number) => `sales-${r}-${d}`;

// -------------------------------------------------------------------------------------------------
// The organisation, as plain data (inserted with SQL)
// -------------------------------------------------------------------------------------------------

interface UserSpec {
  username: string;
  role: string | null;
  department: string;
  team?: string;
  groups: string[];
  /** Territory key and whether the user manages it. */
  territory?: [string, boolean];
  /** Region whose accounts the user mostly owns; undefined: owns none. */
  ownsIn?: number;
}

function organisation(): UserSpec[] {
  const perRegion = Math.floor((USERS * 0.95) / REGIONS);
  // Cumulative end (exclusive) of each chain level within a region's users.
  const sizes = [1, Math.max(1, Math.round(perRegion * 0.01)), Math.max(1, Math.round(perRegion * 0.02)), Math.max(1, Math.round(perRegion * 0.06)), Math.max(1, Math.round(perRegion * 0.2))];
  const ends = sizes.map((_, i) => sizes.slice(0, i + 1).reduce((a, b) => a + b, 0));
  const users: UserSpec[] = [];
  for (let r = 0; r < REGIONS; r++)
    for (let k = 0; k < perRegion; k++) {
      const level = ends.findIndex((e) => k < e);
      const chain = CHAIN[level === -1 ? CHAIN.length - 1 : level];
      const u: UserSpec = { username: `u${r}-${k}`, role: `${chain}-${r}`, department: chain === 'rm' || chain === 'am' ? `sales-${r}` : districtKey(r, k % TEAMS), groups: [], ownsIn: r };
      if (chain === 'rm') u.territory = [`terr-${r}`, true];
      if (chain === 'dm') u.territory = [`terr-${r}-${k % SUBREGIONS}`, true];
      if (chain === 'tl' || chain === 'sr' || chain === 'rep') u.team = teamKey(r, k % TEAMS);
      if (chain === 'rep' || chain === 'sr') u.territory = [`terr-${r}-${k % SUBREGIONS}`, false];
      users.push(u);
    }
  const rest = USERS - users.length;
  const desk = Math.max(1, Math.round(USERS * 0.0015));
  const finance = Math.max(3, Math.round(rest * 0.2));
  users.push({ username: 'gm', role: 'general-manager', department: 'company', groups: [] });
  users.push({ username: 'director', role: 'sales-director', department: 'sales', groups: [] });
  for (let i = 0; i < desk; i++) users.push({ username: `desk${i}`, role: 'sales-rep', department: 'key-accounts', groups: ['key-account-desk'], ownsIn: i % REGIONS });
  for (let i = 0; i < finance; i++) users.push({ username: `fin${i}`, role: 'finance', department: 'finance', groups: i < 3 ? ['auditors'] : [] });
  for (let i = 0; users.length < USERS; i++) users.push({ username: `emp${i}`, role: null, department: i % 2 ? 'service' : 'marketing', groups: [] });
  return users;
}

function departments(): [key: string, parent: string | null][] {
  const d: [string, string | null][] = [['company', null], ['sales', 'company'], ['finance', 'company'], ['service', 'company'], ['marketing', 'company'], ['key-accounts', 'sales']];
  for (let r = 0; r < REGIONS; r++) {
    d.push([`sales-${r}`, 'sales']);
    for (let t = 0; t < TEAMS; t++) d.push([districtKey(r, t), `sales-${r}`]);
  }
  return d;
}

// -------------------------------------------------------------------------------------------------
// Policy: roles and the account sharing document (published like any metadata)
// -------------------------------------------------------------------------------------------------

function roles(shipped: RoleDocument[]): RoleDocument[] {
  const perms = (key: string) => shipped.find((r) => r['x-crm-role'] === key)!.permissions;
  const out = [...shipped];
  for (let r = 0; r < REGIONS; r++)
    CHAIN.forEach((c, i) => {
      out.push({
        'x-crm-role': `${c}-${r}`,
        label: { 'zh-CN': `${c}-${r}`, en: `${c}-${r}` },
        parent: i === 0 ? 'sales-director' : `${CHAIN[i - 1]}-${r}`,
        permissions: perms(i < 3 ? 'sales-manager' : 'sales-rep'),
      });
    });
  return out;
}

/** 200 rules: 1 territory, 140 criteria, 59 owner. */
function accountSharing(): SharingDocument {
  const rules: SharingRule[] = [{ name: 'territory-managers', type: 'territory', fields: { region: 'region' }, to: 'managers', access: 'read' }];
  // Each team sees three region × industry slices of its region (about 1/1000 of all accounts each).
  for (let r = 0; r < REGIONS; r++)
    for (let t = 0; t < TEAMS; t++)
      for (let j = 0; j < 3; j++) {
        const region = regionValue(r, (t * 3 + j) % SUBREGIONS);
        const industry = INDUSTRIES[(t + 3 * j + r) % INDUSTRIES.length];
        rules.push({
          name: `slice-${r}-${t}-${j}`,
          type: 'criteria',
          condition: { and: [{ field: 'region', op: 'eq', value: region }, { field: 'industry', op: 'eq', value: industry }] },
          to: { team: teamKey(r, t) },
          access: 'read',
        });
      }
  // Regional managers edit their region's grade-A accounts; finance reads formal accounts per industry.
  for (let r = 0; r < REGIONS; r++)
    rules.push({
      name: `grade-a-${r}`,
      type: 'criteria',
      condition: { and: [{ field: 'level', op: 'eq', value: 'A' }, { field: 'region', op: 'in', value: Array.from({ length: SUBREGIONS }, (_, s) => regionValue(r, s)) }] },
      to: { role: `rm-${r}` },
      access: 'edit',
    });
  for (const industry of INDUSTRIES)
    rules.push({ name: `formal-${industry}`, type: 'criteria', condition: { and: [{ field: 'industry', op: 'eq', value: industry }, { field: 'state', op: 'eq', value: 'formal' }] }, to: { role: 'finance' }, access: 'read' });
  // Owner rules: the key-account desk's accounts for all of sales; districts for service; regions for the auditors; reps for the next region's area manager.
  rules.push({ name: 'key-accounts', type: 'owner', owners: { group: 'key-account-desk' }, to: { roleAndSubordinates: 'sales-director' }, access: 'read' });
  for (let r = 0; r < REGIONS; r++) {
    for (let t = 0; t < TEAMS; t++) rules.push({ name: `service-${r}-${t}`, type: 'owner', owners: { department: districtKey(r, t) }, to: { department: 'service' }, access: 'read' });
    rules.push({ name: `audit-${r}`, type: 'owner', owners: { department: `sales-${r}`, withSubdepartments: true }, to: { group: 'auditors' }, access: 'read' });
    if (r < 8) rules.push({ name: `cover-${r}`, type: 'owner', owners: { role: `rep-${r}` }, to: { role: `am-${(r + 1) % REGIONS}` }, access: 'read' });
  }
  if (rules.length !== 200) throw new Error(`expected 200 rules, built ${rules.length}`);
  return { 'x-crm-sharing': 'account', default: 'private', hierarchy: true, rules };
}

// -------------------------------------------------------------------------------------------------
// Loading
// -------------------------------------------------------------------------------------------------

async function loadOrganisation(c: pg.Client, users: UserSpec[]): Promise<void> {
  for (const [key, parent] of departments())
    await c.query('insert into sec.department (key, name, parent_id) values ($1, $1, (select id from sec.department where key = $2))', [key, parent]);
  const [{ hash }] = (await c.query<{ hash: string }>("select password_hash as hash from sec.user where username = 'admin'")).rows;
  await c.query(
    `insert into sec.user (username, display_name, password_hash, role, department_id, locale)
     select u.username, u.username, $1, u.role, d.id, 'en' from unnest($2::text[], $3::text[], $4::text[]) as u(username, role, dept) join sec.department d on d.key = u.dept`,
    [hash, users.map((u) => u.username), users.map((u) => u.role), users.map((u) => u.department)],
  );
  const teams = Array.from({ length: REGIONS * TEAMS }, (_, i) => teamKey(Math.floor(i / TEAMS), i % TEAMS));
  await c.query('insert into sec.team (key, name) select k, k from unnest($1::text[]) k', [teams]);
  const withTeam = users.filter((u) => u.team);
  await c.query(
    `insert into sec.team_member (team_id, user_id) select t.id, u.id from unnest($1::text[], $2::text[]) as m(username, team)
     join sec.user u on u.username = m.username join sec.team t on t.key = m.team`,
    [withTeam.map((u) => u.username), withTeam.map((u) => u.team)],
  );
  await c.query(`insert into sec.group (key, name) values ('key-account-desk', 'Key-account desk'), ('auditors', 'Auditors')`);
  const inGroups = users.flatMap((u) => u.groups.map((g) => [u.username, g]));
  await c.query(
    `insert into sec.group_member (group_id, user_id) select g.id, u.id from unnest($1::text[], $2::text[]) as m(username, grp)
     join sec.user u on u.username = m.username join sec.group g on g.key = m.grp`,
    [inGroups.map(([u]) => u), inGroups.map(([, g]) => g)],
  );
  await c.query(`insert into sec.territory (key, name) values ('terr-all', 'All')`);
  for (let r = 0; r < REGIONS; r++) {
    const values = Array.from({ length: SUBREGIONS }, (_, s) => regionValue(r, s));
    await c.query(`insert into sec.territory (key, name, parent_id, regions) select $1, $1, id, $2 from sec.territory where key = 'terr-all'`, [`terr-${r}`, values]);
    await c.query(
      `insert into sec.territory (key, name, parent_id, regions) select 'terr-' || $1 || '-' || (x.i - 1), 'terr-' || $1 || '-' || (x.i - 1), p.id, array[x.v]
       from sec.territory p, unnest($2::text[]) with ordinality as x(v, i) where p.key = 'terr-' || $1`,
      [r, values],
    );
  }
  const inTerritory = users.filter((u) => u.territory);
  await c.query(
    `insert into sec.territory_member (territory_id, user_id, is_manager) select t.id, u.id, m.mgr from unnest($1::text[], $2::text[], $3::boolean[]) as m(username, terr, mgr)
     join sec.user u on u.username = m.username join sec.territory t on t.key = m.terr`,
    [inTerritory.map((u) => u.username), inTerritory.map((u) => u.territory![0]), inTerritory.map((u) => u.territory![1])],
  );
}

/**
 * Accounts: owners round-robin over the owning users (shuffled), 90 % in the owner's region; created
 * over three years in insertion order, as a live table grows (the newest rows share the last pages).
 */
async function loadAccounts(c: pg.Client, users: UserSpec[]): Promise<void> {
  const owners = users.filter((u) => u.ownsIn !== undefined);
  await c.query('create temp table bench_owner (n int primary key, id uuid not null, region int not null)');
  await c.query(
    `insert into bench_owner select row_number() over (order by md5(u.username)) - 1, u.id, o.region
     from unnest($1::text[], $2::int[]) as o(username, region) join sec.user u on u.username = o.username`,
    [owners.map((u) => u.username), owners.map((u) => u.ownsIn)],
  );
  await c.query('select setseed(0.42)');
  const BATCH = 250_000;
  for (let from = 1; from <= ACCOUNTS; from += BATCH) {
    const to = Math.min(ACCOUNTS, from + BATCH - 1);
    await c.query(
      `insert into crm.account (owner_id, created_by, updated_by, name, industry, region, level, source, state, annual_revenue, employees, created_at, updated_at)
       select o.id, o.id, o.id,
              chr(65 + floor(s.r1 * 26)::int) || chr(97 + floor(s.r2 * 26)::int) || substr(md5(s.g::text), 1, 6) || ' ' || (array['Trading','Holdings','Tech','Logistics','Foods','Energy','Bank','Motors'])[1 + s.g % 8],
              ($3::text[])[1 + floor(s.r3 * 10)::int],
              case when s.r4 < 0.9 then 'R' || o.region || '-' || floor(s.r5 * 10)::int else 'R' || floor(s.r5 * 10)::int || '-' || floor(s.r6 * 10)::int end,
              case when s.r7 < 0.1 then 'A' when s.r7 < 0.3 then 'B' when s.r7 < 0.6 then 'C' else 'D' end,
              (array['employeeReferral','customerReferral','partnerReferral','otherReferral','doorToDoor','tradeShow','internet','advertising','phoneEnquiry','walkIn','other'])[1 + s.g % 11],
              ($4::text[])[1 + floor(s.r8 * 4)::int],
              round((s.r9 * 1e7)::numeric, 2), floor(s.r9 * 5000)::int,
              s.at, s.at
       from (select g, ${Array.from({ length: 9 }, (_, i) => `random() as r${i + 1}`).join(', ')},
                    now() - interval '1095 days' * (1 - g::float8 / $5) + random() * interval '1 hour' as at
             from generate_series($1::int, $2::int) g) s
       join bench_owner o on o.n = s.g % (select count(*) from bench_owner)`,
      [from, to, INDUSTRIES, STATES, ACCOUNTS],
    );
    console.error(`  ${to} accounts`);
  }
  // Manual shares of random accounts: 70 % with a user, 20 % with a team, 10 % with a district; 10 % edit.
  await c.query(
    `insert into sec.share (entity, record_id, grantee_kind, grantee_key, access)
     select 'account', a.id,
            case when a.r < 0.7 then 'user' when a.r < 0.9 then 'team' else 'department' end,
            case when a.r < 0.7 then u.ids[1 + floor(a.r2 * array_length(u.ids, 1))::int]
                 when a.r < 0.9 then 'team-' || floor(a.r2 * 40)::int / 4 || '-' || floor(a.r2 * 40)::int % 4
                 else 'sales-' || floor(a.r2 * 40)::int / 4 || '-' || floor(a.r2 * 40)::int % 4 end,
            case when a.r3 < 0.1 then 'edit' else 'read' end
     from (select id, random() as r, random() as r2, random() as r3 from (select id from crm.account order by md5(id::text) limit $1) x) a,
          (select array_agg(id::text order by username) as ids from sec.user where not is_admin) u
     on conflict do nothing`,
    [SHARES],
  );
}

// -------------------------------------------------------------------------------------------------
// Measuring
// -------------------------------------------------------------------------------------------------

/** A signed-in user of the bench: an HTTP session and the principal the server builds for them. */
interface Who {
  name: string;
  cookie: string;
  id: string;
}

async function login(base: string, name: string, username: string, id: string): Promise<Who> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return { name, id, cookie: res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ') };
}

async function get(base: string, who: Who, query: Record<string, string>): Promise<{ items: unknown[]; count?: number }> {
  const res = await fetch(`${base}/api/records/account?${new URLSearchParams({ limit: '50', ...query })}`, { headers: { cookie: who.cookie } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${who.name}: ${res.status} ${text}`);
  return JSON.parse(text) as { items: unknown[]; count?: number };
}

interface Case {
  name: string;
  /** Samples per user (counting every visible row is slow: fewer). */
  samples: number;
  /** Query-string options of sample i (values cycle so no two consecutive samples are identical). */
  query(i: number): Record<string, string>;
}
const PREFIXES = Array.from({ length: 26 }, (_, i) => String.fromCharCode(65 + ((i * 7) % 26)) + String.fromCharCode(97 + ((i * 11) % 26)));
const CASES: Case[] = [
  { name: 'no filter, newest first', samples: SAMPLES, query: () => ({}) },
  { name: 'state eq, newest first', samples: SAMPLES, query: (i) => ({ filter: `state eq '${STATES[i % STATES.length]}'` }) },
  { name: 'industry eq, sort name', samples: SAMPLES, query: (i) => ({ filter: `industry eq '${INDUSTRIES[i % INDUSTRIES.length]}'`, sort: 'name' }) },
  { name: 'name startsWith, sort name', samples: SAMPLES, query: (i) => ({ filter: `name startsWith '${PREFIXES[i % PREFIXES.length]}'`, sort: 'name' }) },
  { name: 'count: no filter', samples: Math.ceil(SAMPLES / 4), query: () => ({ count: 'true', limit: '1' }) },
  { name: 'count: state eq', samples: Math.ceil(SAMPLES / 4), query: (i) => ({ filter: `state eq '${STATES[i % STATES.length]}'`, count: 'true', limit: '1' }) },
];

const pct = (lat: number[], p: number) => lat[Math.min(lat.length - 1, Math.floor(lat.length * p))];
const f = (n: number) => n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0);

/** The statements the list use case runs for `who` and `query` (executed once, recorded). */
async function statementsOf(server: RunningServer, who: Who, query: Record<string, string>): Promise<{ sql: string; params: readonly unknown[] }[]> {
  const user = (await loadPrincipal(server.db, who.id))!;
  const model = modelFor(user, server.store.current);
  const seen: { sql: string; params: readonly unknown[] }[] = [];
  const q: Queryable = {
    query: (sql, params = []) => {
      seen.push({ sql, params });
      return server.db.query(sql, params);
    },
  };
  await listRecords({ q, user, model }, model.entities.account, listQueryFrom(query, { me: user.id }));
  return seen;
}

interface Row {
  name: string;
  who: string;
  matching: number;
  http: number[];
  sql: number[];
}

/** One case for every user: warm-up, then `c.samples` each over HTTP and as SQL, in interleaved rounds. */
async function measure(server: RunningServer, users: Who[], c: Case): Promise<Row[]> {
  const base = server.url;
  const ROUNDS = 4;
  const per = Math.ceil(c.samples / ROUNDS);
  const statements = new Map<string, { sql: string; params: readonly unknown[] }[]>();
  const stmts = async (who: Who, i: number) => {
    const key = `${who.name} ${JSON.stringify(c.query(i))}`;
    let s = statements.get(key);
    if (!s) statements.set(key, (s = await statementsOf(server, who, c.query(i))));
    return s;
  };
  const rows = users.map((who) => ({ name: c.name, who: who.name, matching: 0, http: [] as number[], sql: [] as number[] }));
  for (const [u, who] of users.entries()) {
    for (let i = 0; i < Math.min(WARMUP, c.samples); i++) {
      await get(base, who, c.query(i));
      for (const s of await stmts(who, i)) await server.db.query(s.sql, s.params);
    }
    // Rows matching the first variant's filter for this user (what the page is chosen from).
    rows[u].matching = (await get(base, who, { ...c.query(0), count: 'true', limit: '1' })).count!;
    if (EXPLAIN)
      for (const s of await stmts(who, 0)) {
        const plan = await server.db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.sql}`, s.params);
        console.error(`\n--- ${c.name} / ${who.name}\n${s.sql}\n${JSON.stringify(s.params)}\n${plan.map((p) => p['QUERY PLAN']).join('\n')}`);
      }
  }
  let i = 0;
  for (let r = 0; r < ROUNDS; r++)
    for (const [u, who] of users.entries()) {
      for (let n = 0; n < per; n++, i++) {
        const t0 = performance.now();
        await get(base, who, c.query(i));
        rows[u].http.push(performance.now() - t0);
      }
      for (let n = 0; n < per; n++, i++) {
        const list = await stmts(who, i);
        const t0 = performance.now();
        await Promise.all(list.map((s) => server.db.query(s.sql, s.params)));
        rows[u].sql.push(performance.now() - t0);
      }
    }
  for (const row of rows) {
    row.http.sort((a, b) => a - b);
    row.sql.sort((a, b) => a - b);
    console.error(`  ${c.name} / ${row.who}: HTTP p95 ${f(pct(row.http, 0.95))} ms, SQL p95 ${f(pct(row.sql, 0.95))} ms`);
  }
  return rows;
}

async function main() {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'crm-bench-sharing-'));
  const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir: join(dir, 'db') });
  const url = await ensureDatabase(process.env.DATABASE_URL ?? embedded!.url, `bench_sharing_${Date.now()}`);
  const server = await startServer(loadConfig({}, { DATABASE_URL: url, PORT: 0, ADMIN_PASSWORD: PASSWORD, WORKERS: 'off', LOG_LEVEL: 'warn' }));
  const base = server.url;
  console.error(`bench:sharing: ${ACCOUNTS} accounts, ${USERS} users, ${SHARES} shares; ${SAMPLES} samples per user and case after ${WARMUP} warm-up`);

  // Policy through the API, as an administrator publishes it.
  const [adminRow] = await server.db.query<{ id: string }>("select id from sec.user where username = 'admin'");
  const admin = await login(base, 'admin', 'admin', adminRow.id);
  const shipped = loadMetadataDir(join(ROOT, 'metadata'));
  const pkg = {
    entities: shipped.entities,
    views: shipped.views,
    triggers: shipped.triggers,
    roles: roles(shipped.roles ?? []),
    sharing: [...(shipped.sharing ?? []).filter((s) => s['x-crm-sharing'] !== 'account'), accountSharing()],
  };
  const csrf = /crm_csrf=([^;]+)/.exec(admin.cookie)?.[1] ?? '';
  const published = await fetch(`${base}/api/metadata/publish`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': csrf }, body: JSON.stringify(pkg) });
  if (published.status !== 201) throw new Error(`publish: ${published.status} ${await published.text()}`);

  // Organisation and records with SQL on one connection (not measured).
  const t0 = performance.now();
  const users = organisation();
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await loadOrganisation(c, users);
  await loadAccounts(c, users);
  await c.query('vacuum (analyze) crm.account');
  await c.query('analyze');
  await c.end();
  const [{ shares }] = await server.db.query<{ shares: number }>(`select count(*)::int as shares from sec.share where entity = 'account'`);
  console.error(`  loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s (${shares} shares)`);

  // The measured users: the first rep of region 0, region 0's manager, the admin.
  const idOf = async (username: string) => (await server.db.query<{ id: string }>('select id from sec.user where username = $1', [username]))[0].id;
  const repName = users.find((u) => u.role === 'rep-0')!.username;
  const who = [await login(base, 'rep', repName, await idOf(repName)), await login(base, 'regional manager', 'u0-0', await idOf('u0-0')), admin];
  const visible = new Map<string, number>();
  for (const w of who) visible.set(w.name, (await get(base, w, { count: 'true', limit: '1' })).count!);
  console.error(`  visible accounts: ${[...visible].map(([k, v]) => `${k} ${v}`).join(', ')}`);

  const rows: Row[] = [];
  for (const cs of CASES) rows.push(...(await measure(server, who, cs)));

  await server.stop();
  await embedded?.stop();
  rmSync(dir, { recursive: true, force: true });

  const head = ['case', 'user', 'matching rows', 'HTTP p50 / p95 / p99 ms', 'p95 ÷ admin', 'SQL p50 / p95 / p99 ms', 'SQL p95 ÷ no sharing'];
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const r of rows) {
    const ref = rows.find((x) => x.name === r.name && x.who === 'admin')!;
    const three = (l: number[]) => [0.5, 0.95, 0.99].map((p) => f(pct(l, p))).join(' / ');
    console.log(
      `| ${r.name} | ${r.who} | ${r.matching.toLocaleString('en')} | ${three(r.http)} | ${(pct(r.http, 0.95) / pct(ref.http, 0.95)).toFixed(2)} | ${three(r.sql)} | ${(pct(r.sql, 0.95) / pct(ref.sql, 0.95)).toFixed(2)} |`,
    );
  }
  console.log(
    `\n${ACCOUNTS.toLocaleString('en')} accounts, ${USERS.toLocaleString('en')} users, 200 sharing rules, ${shares.toLocaleString('en')} shares; visible: ${[...visible].map(([k, v]) => `${k} ${v.toLocaleString('en')}`).join(', ')}.` +
      ` ${SAMPLES} samples per user and list case (${Math.ceil(SAMPLES / 4)} per count case) after a warm-up, one request at a time. ${cpus().length} cores (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GB; ${new Date().toISOString().slice(0, 10)}; ${((performance.now() - started) / 1000).toFixed(0)} s in all.`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
