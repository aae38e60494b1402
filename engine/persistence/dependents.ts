/**
 * What lives on a process definition and must be considered when its deployment is deleted:
 * running instances (which block deletion unless `cascade=true`), and things that simply go with
 * the definition (timer-start jobs, message-start subscriptions, history). Empty until execution
 * exists: the execution module adds one entry per table here, and `deleteDeployment` consults them
 * all. The schema backs this up: tables that reference `engine.process_definition` do so without
 * `on delete cascade`, so a forgotten entry fails the delete instead of orphaning rows.
 */
import type { EngineQueryable } from '../db.js';

export interface DefinitionDependent {
  /** Table or concept, for messages. */
  name: string;
  /** Rows that block a delete without cascade (e.g. running instances), per definition id; absent = never blocks. */
  blocking?(q: EngineQueryable, definitionIds: readonly string[]): Promise<Map<string, number>>;
  /** Delete what depends on these definitions; runs before the definitions themselves are deleted. */
  remove(q: EngineQueryable, definitionIds: readonly string[]): Promise<void>;
}

export const DEFINITION_DEPENDENTS: DefinitionDependent[] = [];
