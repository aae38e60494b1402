/**
 * Differences the oracle found between the API and docs/security.md that are reported and not
 * fixed yet. Worlds that would hit one are skipped (`fc.pre`) so that the oracle keeps checking
 * everything else; each bug also has a `test.failing` in the oracle test with its smallest world,
 * which starts failing — remove the entry then — once the API is fixed. The reference evaluator
 * is never bent to match the API.
 */
import type { World } from './world.js';

export interface KnownBug {
  name: string;
  /** Whether the world can show the bug. */
  hits(w: World): boolean;
}

/** Whether some user is a member (a manager, for `managers`) of territory `t` or of one above it. */
function reachedBy(w: World, t: number, to: 'members' | 'managers'): boolean {
  for (let x: number | null = t; x !== null; x = w.territories[x].parent) if (w.territories[x].members.some((m) => to === 'members' || m.manager)) return true;
  return false;
}

export const KNOWN_BUGS: KnownBug[] = [
  {
    // runtime/access territorySql adds the bind parameter of one list before it finds that the
    // rule names no field for the other list, drops the territory's condition and leaves the
    // parameter unused: PostgreSQL cannot type it and every read of the entity answers 500.
    name: 'a territory rule naming one field, with a territory having values in both lists, answers 500',
    hits: (w) =>
      (w.sharing?.rules ?? []).some(
        (r) =>
          r.type === 'territory' &&
          (!r.fields.region || !r.fields.industry) &&
          w.territories.some((t, i) => t.regions.length > 0 && t.industries.length > 0 && reachedBy(w, i, r.to)),
      ),
  },
];
