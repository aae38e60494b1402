/**
 * Deployed definitions never change, so their compiled graphs are cached by id (bounded LRU:
 * a long-running server with many versions does not grow without limit).
 */
import type { EngineQueryable } from '../db.js';
import { notFound } from '../errors.js';
import type { ProcessGraph } from '../model/graph.js';
import { DEFINITION_COLUMNS, type ProcessDefinitionRecord } from '../persistence/records.js';

export interface Definition {
  record: ProcessDefinitionRecord;
  graph: ProcessGraph;
}

const CACHE_SIZE = 500;
const cache = new Map<string, Definition>();

/** The definition with its graph, or a 404 InvalidRequestException. */
export async function loadDefinition(q: EngineQueryable, id: string): Promise<Definition> {
  const hit = cache.get(id);
  if (hit) {
    cache.delete(id); // re-insert: most recently used last
    cache.set(id, hit);
    return hit;
  }
  const [row] = await q.query<ProcessDefinitionRecord & { graph: ProcessGraph }>(
    `select ${DEFINITION_COLUMNS}, pd.graph from engine.process_definition pd where pd.id = $1`,
    [id],
  );
  if (!row) throw notFound(`No matching definition with id ${id}`);
  const { graph, ...record } = row;
  const def = { record, graph };
  cache.set(id, def);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return def;
}
