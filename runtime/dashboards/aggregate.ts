/**
 * One aggregate over an entity as a user may see it — the same builder, access predicate and model
 * (fields hidden from the role are unknown) as GET /api/records/:entity/aggregate, so every number
 * a dashboard shows counts only records the user may read.
 */
import type { CompiledEntity, CompiledField, CompiledModel } from '../../metadata/index.js';
import { accessPredicate, assertCan, modelFor } from '../access/index.js';
import type { User } from '../auth/service.js';
import type { Queryable } from '../db/db.js';
import { AppError } from '../errors.js';
import { buildAggregate, decodeAggregate, type AggregateQuery, type AggregateResult } from '../records/aggregate.js';

export interface UserView {
  user: User;
  /** The model as the user's role sees it. */
  model: CompiledModel;
  entity: CompiledEntity;
}

/** The entity as `user` sees it; 403 when their role may not read it, 404 when the model has no such entity. */
export function viewOf(user: User, published: CompiledModel, entityName: string): UserView {
  if (!Object.hasOwn(published.entities, entityName)) throw new AppError('unknown-entity', `the model has no entity ${entityName}`);
  const model = modelFor(user, published);
  assertCan(user, model, entityName, 'read');
  return { user, model, entity: model.entities[entityName] };
}

/** A field of the entity as the user sees it; 404 naming it when absent (hidden from the role, or not declared). */
export function fieldOf(view: UserView, name: string): CompiledField {
  const field = view.entity.fields.find((f) => f.name === name && !f.hidden);
  if (!field) throw new AppError('unknown-field', `${view.entity.name}.${name} is not a field the user may read`, [{ path: name, message: 'unknown field' }]);
  return field;
}

export async function aggregate(q: Queryable, view: UserView, query: AggregateQuery): Promise<AggregateResult> {
  const { sql, params, kinds } = buildAggregate(view.model, view.entity, query, accessPredicate(view.user, view.model, view.entity.name, 'read'));
  return decodeAggregate(query, await q.query(sql, params), kinds);
}
