/** One REST resource of /engine-rest: the path it is mounted at and its routes. Registered in ../router.ts. */
import type { Router } from 'express';
import type { EngineDb } from '../../db.js';
import type { ShellEnv } from '../../shell/index.js';

export interface RestDeps {
  db: EngineDb;
  /** Ids, clock, wake-up signals and log for commands (engine/shell). */
  shell: ShellEnv;
}

export interface RestResource {
  /** Mount path below /engine-rest, e.g. `/deployment`; `/` for routes at the root. */
  path: string;
  routes(deps: RestDeps): Router;
}
