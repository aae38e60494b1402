/**
 * What the oracle found. `REGRESSIONS`: the smallest world of each bug found (and fixed), run
 * before the random ones (fast-check `examples`). `KNOWN_BUGS`: bugs reported and not fixed yet —
 * worlds that would show one are skipped (`fc.pre`) so the oracle keeps checking everything else;
 * add the bug's world to REGRESSIONS once it is fixed and remove the entry. The reference evaluator
 * is never bent to match the API.
 */
import type { World } from './world.js';

export interface KnownBug {
  name: string;
  /** Whether the world can show the bug. */
  hits(w: World): boolean;
}

export const KNOWN_BUGS: KnownBug[] = [];

const deal = { owner: null, region: 'south', industry: 'finance', stage: 'open', amount: null, deleted: false, probe: { user: 0, path: 'get' as const } };

export const REGRESSIONS: World[] = [
  // A territory rule naming one field (region) and a territory of the user restricting both region
  // and industry: the access builder bound the region list, then dropped the territory, and the
  // unused parameter made every read of deals a 500 (fixed in a98be10).
  {
    departments: [{ key: 'd0', parent: null }],
    users: [{ department: null, role: null }],
    teams: [],
    territories: [{ key: 'tr0', parent: null, regions: ['south'], industries: ['finance'], members: [{ user: 0, manager: false }] }],
    groups: [],
    deals: [deal],
    sharing: { 'x-crm-sharing': 'deal', default: 'private', rules: [{ name: 'r0', type: 'territory', fields: { region: 'region' }, to: 'members', access: 'read' }] },
    shares: [],
  },
];
