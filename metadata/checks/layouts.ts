/**
 * Cross-document checks of UI layouts: names unique; roles known, each named by one layout at most;
 * one default layout at most; navigation entries' entities and views known (a view of that entity);
 * home widgets' views known; record sections of known entities naming their declared fields, each
 * field in one section.
 */
import { pointer } from '../json-pointer.js';
import type { CheckContext } from './context.js';
import { checkRoleClaims, isObject, isString } from './context.js';
import { checkLayout } from './entities.js';

export function checkLayouts(ctx: CheckContext): void {
  const names = new Map<string, string>();
  const roleOwner = new Map<string, string>();
  let defaultIn: string | undefined;
  const views = new Map(ctx.pkg.views.filter(isObject).flatMap((v) => (isString(v['x-crm-view']) ? [[v['x-crm-view'], v] as const] : [])));
  ctx.pkg.layouts.forEach((doc, i) => {
    if (!isObject(doc)) return;
    const file = ctx.fileOf('layouts', i);
    const name = doc['x-crm-ui-layout'];
    if (isString(name)) {
      if (names.has(name)) ctx.report(file, '/x-crm-ui-layout', { code: 'already-defined', params: { name, other: names.get(name)! } });
      else names.set(name, file);
    }
    checkRoleClaims(ctx, file, doc.roles, ['roles'], ['layout'], roleOwner, (role, _, other) => ({ code: 'layout-role-taken', params: { role, other } }));
    if (doc.default === true) {
      if (defaultIn) ctx.report(file, '/default', { code: 'layout-default-taken', params: { other: defaultIn } });
      else defaultIn = file;
    }
    const view = (at: (string | number)[], key: unknown, entity?: string) => {
      if (!isString(key)) return;
      const v = views.get(key);
      if (!v) ctx.report(file, pointer(...at), { code: 'unknown-view', params: { view: key } });
      else if (entity !== undefined && v.entity !== entity) ctx.report(file, pointer(...at), { code: 'layout-view-of-other-entity', params: { view: key, viewEntity: String(v.entity), entity } });
    };
    if (Array.isArray(doc.navigation))
      doc.navigation.forEach((entry: unknown, j) => {
        if (!isObject(entry) || !isString(entry.entity)) return;
        if (!ctx.entities.has(entry.entity)) ctx.report(file, pointer('navigation', j, 'entity'), { code: 'unknown-entity', params: { entity: entry.entity } });
        else view(['navigation', j, 'view'], entry.view, entry.entity);
      });
    if (Array.isArray(doc.home)) doc.home.forEach((w: unknown, j) => isObject(w) && view(['home', j, 'view'], w.view));
    if (isObject(doc.records))
      for (const [entity, layout] of Object.entries(doc.records)) {
        const info = ctx.entities.get(entity);
        if (!info) ctx.report(file, pointer('records', entity), { code: 'unknown-entity', params: { entity } });
        else checkLayout(ctx, file, layout, info.fields, ['records', entity]);
      }
  });
}
