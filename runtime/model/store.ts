/**
 * The compiled metadata model the running server works from. Publishing swaps it in place, so a
 * new entity or field is live without a restart; other processes on the same database notice a
 * newer version on `refresh()`.
 */
import { EMPTY_SECURITY, type CompiledEntity, type CompiledModel } from '../../metadata/index.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';

export class ModelStore {
  private model: CompiledModel = { entities: {}, views: [], triggers: [], security: EMPTY_SECURITY };
  private ver = 0;

  get current(): CompiledModel {
    return this.model;
  }
  get version(): number {
    return this.ver;
  }

  set(version: number, model: CompiledModel): void {
    if (version < this.ver) return; // never go back to an older version
    this.ver = version;
    // A version published before roles and sharing existed has no policy: every entity public, no roles.
    this.model = model.security ? model : { ...model, security: EMPTY_SECURITY };
  }

  /** Load the newest published version if it is newer than the one held. */
  async refresh(q: Queryable): Promise<void> {
    const rows = await q.query<{ version: number; model: CompiledModel }>(
      'select version, model from meta.metadata_version where version > $1 order by version desc limit 1',
      [this.ver],
    );
    if (rows[0]) this.set(rows[0].version, rows[0].model);
  }

  /** A visible entity by API name, or 404 `unknown-entity`. */
  entity(name: string): CompiledEntity {
    const e = Object.prototype.hasOwnProperty.call(this.model.entities, name) ? this.model.entities[name] : undefined;
    if (!e || e.hidden) throw new AppError('unknown-entity', `unknown entity: ${name}`);
    return e;
  }
}
