/**
 * What lives on a process definition and must be considered when its deployment is deleted:
 * running instances (which block deletion unless `cascade=true`), and things that simply go with
 * the definition (timer-start jobs, message-start subscriptions, history). Empty until execution
 * exists: the execution module adds one entry per table here, and `deleteDeployment` consults them
 * all. The schema backs this up: tables that reference `engine.process_definition` do so without
 * `on delete cascade`, so a forgotten entry fails the delete instead of orphaning rows.
 */
import type { EngineQueryable } from '../db.js';
import { restorePreviousTimerStarts } from '../jobs/timer-start.js';

export interface DefinitionDependent {
  /** Table or concept, for messages. */
  name: string;
  /** Rows that block a delete without cascade (e.g. running instances), per definition id; absent = never blocks. */
  blocking?(q: EngineQueryable, definitionIds: readonly string[]): Promise<Map<string, number>>;
  /** Removed only by a cascading delete (history: Camunda keeps it otherwise). */
  cascadeOnly?: boolean;
  /** Delete what depends on these definitions; runs before the definitions themselves are deleted. */
  remove(q: EngineQueryable, definitionIds: readonly string[]): Promise<void>;
}

const HISTORY_TABLES = ['hi_process_instance', 'hi_activity_instance', 'hi_task', 'hi_variable', 'hi_detail'];

export const DEFINITION_DEPENDENTS: DefinitionDependent[] = [
  {
    // Running instances block; with cascade they go, and their tasks, external tasks, jobs,
    // subscriptions, incidents and callees with them (FK cascade from engine.process_instance).
    name: 'process instances',
    async blocking(q, ids) {
      const rows = await q.query<{ id: string; n: string }>(
        'select process_definition_id as id, count(*) as n from engine.process_instance where process_definition_id = any($1::text[]) group by 1',
        [ids],
      );
      return new Map(rows.map((r) => [r.id, Number(r.n)]));
    },
    async remove(q, ids) {
      await q.query('delete from engine.process_instance where process_definition_id = any($1::text[])', [ids]);
    },
  },
  {
    name: 'timer start jobs',
    async remove(q, ids) {
      await restorePreviousTimerStarts(q, ids); // the version that becomes the latest starts by timer again
      await q.query('delete from engine.job where process_definition_id = any($1::text[])', [ids]);
    },
  },
  {
    name: 'history',
    cascadeOnly: true,
    async remove(q, ids) {
      for (const table of HISTORY_TABLES) await q.query(`delete from engine.${table} where process_definition_id = any($1::text[])`, [ids]);
    },
  },
];
