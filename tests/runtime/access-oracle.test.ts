/**
 * The record-access oracle (docs/security.md, "Record access"): for a thousand random worlds —
 * departments, users' departments and roles, teams, territories, explicit groups, deals, the
 * sharing document of `deal` and manual shares — every user's outcome on every path must equal
 * what the reference evaluator (access-oracle/reference.ts, written from the spec alone) says.
 * fast-check shrinks a failing world to a small one and the error describes it.
 *
 * Given one server with a pool of logged-in non-admin users, when a world is written to the
 * database (memberships are read on every request, so re-placing the same users each run also
 * tests that changes count at once) and its sharing document published, then every user's list,
 * count, recycle bin, search, export and aggregate (deals and amounts by stage) hold exactly the
 * deals the reference lets them read, and on each deal one user (the deal's `probe`) tries get,
 * history, update, delete (200/409 when allowed: writes carry a stale version, so nothing changes) or the
 * access explainer (its `level`), answered 403 or 404 as the reference's level and the role's
 * permissions say.
 *
 * `ORACLE_RUNS` sets the number of worlds (default 1000); ~38 requests each.
 */
import fc from 'fast-check';
import { startTestServer, type TestServer } from '../support/harness.js';
import { LeanClient } from './access-oracle/client.js';
import { describeDifference, describeWorld } from './access-oracle/describe.js';
import { KNOWN_BUGS, REGRESSIONS } from './access-oracle/findings.js';
import { worlds } from './access-oracle/generate.js';
import { expected, limiter, observe, probedBy } from './access-oracle/paths.js';
import { publisher, storeWorld } from './access-oracle/store.js';
import type { World } from './access-oracle/world.js';

const NUM_RUNS = Number(process.env.ORACLE_RUNS ?? 1000);
/**
 * Every run checks all NUM_RUNS worlds (the issue asks for at least 1,000; measured: 170 s at load
 * ~3 on the 2-core machine). For a quick local look, ORACLE_BUDGET_S stops the random worlds after
 * that long instead (the test then says how many were checked).
 */
const BUDGET_MS = process.env.ORACLE_BUDGET_S ? Number(process.env.ORACLE_BUDGET_S) * 1000 : undefined;
/** Replay a reported failure: ORACLE_SEED (and the failure's path, ORACLE_PATH). */
const replay = process.env.ORACLE_SEED ? { seed: Number(process.env.ORACLE_SEED), path: process.env.ORACLE_PATH } : {};
const POOL = 8;

let t: TestServer;
let pool: string[];
let clients: LeanClient[];
let publish: ReturnType<typeof publisher>;
const limit = limiter(16);

beforeAll(async () => {
  t = await startTestServer();
  publish = publisher(t.admin);
  await publish({ departments: [], users: [], teams: [], territories: [], groups: [], deals: [], sharing: null, shares: [] });
  pool = [];
  clients = [];
  for (let i = 0; i < POOL; i++) {
    const password = `oracle-pw-${i}-${t.adminPassword}`;
    const user = await t.server.auth.createUser({ username: `oracle${i}`, password });
    const api = new LeanClient(t.url);
    await api.login(`oracle${i}`, password);
    pool.push(user.id);
    clients.push(api);
  }
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

const timing = { publish: 0, store: 0, ask: 0 };
const since = (start: number) => performance.now() - start;

/** Store and publish the world, ask the API as every user, and describe each path where it differs from the reference. */
async function differences(w: World): Promise<string[]> {
  let start = performance.now();
  await publish(w);
  timing.publish += since(start);
  start = performance.now();
  const stored = await storeWorld(t, pool, w);
  timing.store += since(start);
  start = performance.now();
  const found: string[] = [];
  await Promise.all(
    w.users.map(async (_, u) => {
      const probed = probedBy(w, u);
      const got = await observe(clients[u], w, stored, probed, limit);
      const want = expected(w, u, probed);
      for (const path of new Set([...want.keys(), ...got.keys()]))
        if (got.get(path) !== want.get(path)) found.push(describeDifference(w, u, path, got.get(path), want.get(path)));
    }),
  );
  timing.ask += since(start);
  return found.sort();
}

test(`every user's list, count, recycle bin, search, export and aggregate, and single deals' get, history, update, delete and access level match the reference evaluator (${NUM_RUNS} random worlds)`, async () => {
  const started = Date.now();
  let skipped = 0;
  let checked = 0;
  await fc.assert(
    fc.asyncProperty(worlds, async (w) => {
      const known = KNOWN_BUGS.filter((b) => b.hits(w));
      if (known.length > 0) skipped++;
      fc.pre(known.length === 0);
      checked++;
      const found = await differences(w);
      if (found.length > 0) throw new Error(`the API differs from docs/security.md in this world:\n${describeWorld(w)}\ndifferences:\n${found.join('\n')}`);
    }),
    { numRuns: NUM_RUNS, examples: REGRESSIONS.map((w) => [w]), ...(BUDGET_MS ? { plugins: [fc.interruptAfterTimeLimit(BUDGET_MS)] } : {}), ...replay },
  );
  const s = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
  console.info(
    `access oracle: ${checked} worlds${checked < NUM_RUNS ? ` (of ${NUM_RUNS}: ORACLE_BUDGET_S reached)` : ''} in ${s(Date.now() - started)} (publishing ${s(timing.publish)}, storing ${s(timing.store)}, asking ${s(timing.ask)})` +
      (KNOWN_BUGS.length ? `; ${skipped} skipped for known API bugs: ${KNOWN_BUGS.map((b) => b.name).join('; ')}` : ''),
  );
}, 15 * 60_000);
