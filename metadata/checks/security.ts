/**
 * Cross-document checks of role and sharing documents (docs/security.md): role names unique, the
 * hierarchy a tree of known roles, one default role at most, permissions naming known entities and
 * fields; one sharing document per known entity, rule names unique, rules naming known fields and
 * roles, criteria over the entity's own fields.
 */
import { pointer } from '../json-pointer.js';
import type { CheckContext } from './context.js';
import { checkFilterFields, isObject, isString, roleNames } from './context.js';

export function checkRoles(ctx: CheckContext): void {
  const seen = new Map<string, string>();
  const parents = new Map<string, string>();
  let defaultRole: string | undefined;
  ctx.pkg.roles.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const file = ctx.fileOf('roles', i);
    const name = doc['x-crm-role'];
    if (!isString(name)) return;
    if (seen.has(name)) ctx.report(file, '/x-crm-role', { code: 'already-defined', params: { name, other: seen.get(name)! } });
    else seen.set(name, file);
    if (isString(doc.parent)) parents.set(name, doc.parent);
    if (doc.default === true) {
      if (defaultRole) ctx.report(file, '/default', { code: 'role-default-taken', params: { role: defaultRole } });
      else defaultRole = name;
    }
    if (!isObject(doc.permissions)) return;
    for (const [entityName, perm] of Object.entries(doc.permissions)) {
      if (entityName === '*') {
        if (isObject(perm) && perm.fields !== undefined) ctx.report(file, pointer('permissions', '*', 'fields'), { code: 'role-fields-need-entity' });
        continue;
      }
      const entity = ctx.entities.get(entityName);
      if (!entity) {
        ctx.report(file, pointer('permissions', entityName), { code: 'unknown-entity', params: { entity: entityName } });
        continue;
      }
      if (!isObject(perm) || !isObject(perm.fields)) continue;
      for (const field of Object.keys(perm.fields)) {
        if (!entity.fields.has(field)) ctx.report(file, pointer('permissions', entityName, 'fields', field), { code: 'unknown-entity-field', params: { field, entity: entityName } });
      }
    }
  });
  // The parent of each role must exist, and following parents must never come back.
  ctx.pkg.roles.forEach((doc, i) => {
    if (!isObject(doc) || !isString(doc['x-crm-role']) || !isString(doc.parent)) return;
    const file = ctx.fileOf('roles', i);
    if (!seen.has(doc.parent)) {
      ctx.report(file, '/parent', { code: 'unknown-role', params: { role: doc.parent } });
      return;
    }
    const chain = [doc['x-crm-role']];
    for (let r: string | undefined = doc.parent; r !== undefined; r = parents.get(r)) {
      if (chain.includes(r)) {
        ctx.report(file, '/parent', { code: 'role-hierarchy-loop', params: { chain: [...chain, r].join(' → ') } });
        return;
      }
      chain.push(r);
    }
  });
}

function checkGroup(ctx: CheckContext, file: string, group: unknown, path: (string | number)[], roles: Set<string>): void {
  if (!isObject(group)) return;
  for (const key of ['role', 'roleAndSubordinates'] as const) {
    const role = group[key];
    if (isString(role) && !roles.has(role)) ctx.report(file, pointer(...path, key), { code: 'unknown-role', params: { role } });
  }
}

/** A criteria condition is matched against the record alone: no lookup paths, no variables. */
function checkOwnFieldsOnly(ctx: CheckContext, file: string, filter: unknown, base: (string | number)[]): void {
  if (Array.isArray(filter)) {
    filter.forEach((item, i) => checkOwnFieldsOnly(ctx, file, item, [...base, i]));
    return;
  }
  if (!isObject(filter)) return;
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$var') ctx.report(file, pointer(...base, key), { code: 'sharing-condition-variable' });
    else if (key === 'field' && isString(value) && value.includes('.')) ctx.report(file, pointer(...base, key), { code: 'sharing-condition-own-fields' });
    else if (key.includes('.')) ctx.report(file, pointer(...base, key), { code: 'sharing-condition-own-fields' });
    else checkOwnFieldsOnly(ctx, file, value, [...base, key]);
  }
}

export function checkSharing(ctx: CheckContext): void {
  const seen = new Map<string, string>();
  const roles = roleNames(ctx);
  ctx.pkg.sharing.forEach((doc, i) => {
    if (!isObject(doc) || !isString(doc['x-crm-sharing'])) return;
    const file = ctx.fileOf('sharing', i);
    const entityName = doc['x-crm-sharing'];
    if (seen.has(entityName)) ctx.report(file, '/x-crm-sharing', { code: 'sharing-entity-taken', params: { entity: entityName, other: seen.get(entityName)! } });
    else seen.set(entityName, file);
    const entity = ctx.entities.get(entityName);
    if (!entity) {
      ctx.report(file, '/x-crm-sharing', { code: 'unknown-entity', params: { entity: entityName } });
      return;
    }
    const owned = entity.doc['x-crm-owner'] !== false;
    if (!Array.isArray(doc.rules)) return;
    const names = new Set<string>();
    doc.rules.forEach((rule, j) => {
      if (!isObject(rule)) return;
      if (isString(rule.name)) {
        if (names.has(rule.name)) ctx.report(file, pointer('rules', j, 'name'), { code: 'sharing-rule-twice', params: { rule: rule.name } });
        names.add(rule.name);
      }
      checkGroup(ctx, file, rule.to, ['rules', j, 'to'], roles);
      if (rule.type === 'owner') {
        if (!owned) ctx.report(file, pointer('rules', j, 'type'), { code: 'sharing-no-owner', params: { entity: entityName } });
        checkGroup(ctx, file, rule.owners, ['rules', j, 'owners'], roles);
      } else if (rule.type === 'criteria') {
        checkFilterFields(ctx, file, entityName, rule.condition, ['rules', j, 'condition']);
        checkOwnFieldsOnly(ctx, file, rule.condition, ['rules', j, 'condition']);
      } else if (rule.type === 'territory' && isObject(rule.fields)) {
        for (const [which, field] of Object.entries(rule.fields)) {
          if (!isString(field)) continue;
          const info = entity.fields.get(field);
          if (!info) ctx.report(file, pointer('rules', j, 'fields', which), { code: 'unknown-entity-field', params: { field, entity: entityName } });
          else if (info.kind !== 'text' && info.kind !== 'enum') ctx.report(file, pointer('rules', j, 'fields', which), { code: 'territory-field-kind', params: { field, kind: info.kind } });
        }
      }
    });
  });
}
