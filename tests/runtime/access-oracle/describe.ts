/** A world and the differences found in it, as text a person can check against docs/security.md. */
import type { GroupRef } from '../../../metadata/index.js';
import { accessLevel, effectiveRole } from './reference.js';
import type { World } from './world.js';

const group = (g: GroupRef) => Object.entries(g).map(([k, v]) => (v === true ? k : `${k} ${String(v)}`)).join(' ');

export function describeWorld(w: World): string {
  const u = (i: number) => `u${i}`;
  const lines: string[] = [];
  lines.push(`departments: ${w.departments.map((d) => (d.parent === null ? d.key : `${d.key} (under ${w.departments[d.parent].key})`)).join(', ')}`);
  w.users.forEach((x, i) =>
    lines.push(`${u(i)}: department ${x.department === null ? '-' : w.departments[x.department].key}, role ${x.role ?? `null (default: ${effectiveRole(w, i)})`}`),
  );
  for (const t of w.teams) lines.push(`team ${t.key}: ${t.members.map(u).join(' ') || '-'}`);
  for (const t of w.territories)
    lines.push(
      `territory ${t.key}${t.parent === null ? '' : ` (under ${w.territories[t.parent].key})`}: regions [${t.regions}] industries [${t.industries}] ` +
        `members ${t.members.map((m) => u(m.user) + (m.manager ? ' (manager)' : '')).join(', ') || '-'}`,
    );
  for (const g of w.groups) lines.push(`group ${g.key}: ${g.members.map(u).join(' ') || '-'}`);
  if (!w.sharing) lines.push('sharing: no document for deal');
  else {
    lines.push(`sharing: default ${w.sharing.default}, hierarchy ${w.sharing.hierarchy ?? '(absent: true)'}`);
    for (const r of w.sharing.rules ?? []) {
      const what = r.type === 'owner' ? `owners {${group(r.owners)}}` : r.type === 'criteria' ? `condition ${JSON.stringify(r.condition)}` : `fields ${JSON.stringify(r.fields)}`;
      lines.push(`  rule ${r.name}: ${r.type} ${what} → ${typeof r.to === 'string' ? r.to : `{${group(r.to)}}`} ${r.access}`);
    }
  }
  w.deals.forEach((d, i) =>
    lines.push(`deal #${i}: owner ${d.owner === null ? '-' : u(d.owner)}, region ${d.region}, industry ${d.industry}, stage ${d.stage}, amount ${d.amount}${d.deleted ? ', DELETED' : ''} — ${u(d.probe.user)} tries ${d.probe.path}`),
  );
  for (const s of w.shares) lines.push(`share deal #${s.deal} → ${s.grantee.kind} ${s.grantee.kind === 'user' ? u(s.grantee.user) : s.grantee.key}: ${s.access}`);
  return lines.join('\n');
}

const members = (outcome: string | undefined) => (outcome?.startsWith('200 [') ? outcome.slice(5, -1).split(',').filter(Boolean) : null);

/** One line per differing path: for sets, the leaked and missed deals, each with the reference's reasons. */
export function describeDifference(w: World, user: number, path: string, got: string | undefined, want: string | undefined): string {
  const level = (d: string) => (/^\d+$/.test(d) ? `#${d} ${JSON.stringify(accessLevel(w, user, Number(d)))}` : d);
  const line = `u${user} ${path}: API ${got ?? '(no answer)'}, expected ${want ?? '(not checked)'}`;
  const deal = /#(\d+)$/.exec(path);
  if (deal) return `${line} — reference ${level(deal[1])}`;
  const [g, e] = [members(got), members(want)];
  if (!g || !e) return line;
  const leaked = g.filter((d) => !e.includes(d)).map(level);
  const missed = e.filter((d) => !g.includes(d)).map(level);
  return `${line}${leaked.length ? `\n    leaked: ${leaked.join('; ')}` : ''}${missed.length ? `\n    missed: ${missed.join('; ')}` : ''}`;
}
