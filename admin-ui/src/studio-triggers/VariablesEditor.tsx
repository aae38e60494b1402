/**
 * A trigger's process variables: each a name and either a record field (or a lookup's display
 * field, `account.name`) whose value it takes, or a constant setting with its type and a
 * description. The server's issue at `/action/variables/<name>` shows at that row's source.
 */
import type { EntityMeta } from '../api/index.js';
import type { VariableSource } from '../api/studioTriggers.js';
import { FieldMessages, type FormErrors } from '../studio-admin/errors.js';
import { useTriggersI18n } from './messages.js';

export interface VariableRow {
  name: string;
  kind: 'field' | 'constant';
  field: string;
  value: string;
  type: 'string' | 'number' | 'boolean';
  description: string;
}

export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,254}$/;
const SYSTEM_FIELDS = ['id', 'ownerId', 'createdAt', 'createdBy', 'updatedAt', 'updatedBy'];

export function rowsOf(variables: Record<string, VariableSource> | undefined): VariableRow[] {
  return Object.entries(variables ?? {}).map(([name, v]) =>
    typeof v === 'string'
      ? { name, kind: 'field', field: v, value: '', type: 'string', description: '' }
      : { name, kind: 'constant', field: '', value: String(v.value), type: typeof v.value === 'number' ? 'number' : typeof v.value === 'boolean' ? 'boolean' : 'string', description: v.description ?? '' },
  );
}

const constant = (r: VariableRow): string | number | boolean => {
  if (r.type === 'boolean') return r.value === 'true';
  if (r.type === 'number' && r.value.trim() !== '' && Number.isFinite(Number(r.value))) return Number(r.value);
  return r.value;
};

export function variablesOf(rows: VariableRow[]): Record<string, VariableSource> | undefined {
  const named = rows.filter((r) => r.name !== '');
  if (!named.length) return undefined;
  return Object.fromEntries(named.map((r) => [r.name, r.kind === 'field' ? r.field : { value: constant(r), ...(r.description ? { description: r.description } : {}) }]));
}

/** What the browser can tell before asking: a name that is no identifier, or used twice. */
export function rowProblems(rows: VariableRow[], t: ReturnType<typeof useTriggersI18n>['t']): { path: string; message: string }[] {
  return rows.flatMap((r, i) => {
    if (!VARIABLE_NAME.test(r.name)) return [{ path: `/variableRows/${i}/name`, message: t('studioTriggers.variable.badName') }];
    if (rows.findIndex((o) => o.name === r.name) < i) return [{ path: `/variableRows/${i}/name`, message: t('studioTriggers.variable.duplicate', { name: r.name }) }];
    return [];
  });
}

/** The fields a variable may take: the system fields, the entity's, each lookup's display field. */
function sourceOptions(entity: EntityMeta | undefined, entities: EntityMeta[], label: (l: EntityMeta['label'] | undefined, f?: string) => string): { value: string; text: string }[] {
  if (!entity) return [];
  const own = entity.fields.map((f) => ({ value: f.name, text: label(f.label, f.name) }));
  const paths = entity.fields.flatMap((f) => {
    const target = f.kind === 'lookup' && f.lookup ? entities.find((e) => e.name === f.lookup!.entity) : undefined;
    const display = target?.fields.find((d) => d.name === target.displayField);
    return target && display ? [{ value: `${f.name}.${display.name}`, text: `${label(f.label, f.name)} → ${label(display.label, display.name)}` }] : [];
  });
  return [...SYSTEM_FIELDS.map((f) => ({ value: f, text: f })), ...own, ...paths];
}

export function VariablesEditor({ rows, onChange, entity, entities, errors }: { rows: VariableRow[]; onChange(rows: VariableRow[]): void; entity: EntityMeta | undefined; entities: EntityMeta[]; errors: FormErrors }) {
  const { t, label } = useTriggersI18n();
  const options = sourceOptions(entity, entities, label);
  const set = (i: number, patch: Partial<VariableRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="trg-box">
      <legend>{t('studioTriggers.variables')}</legend>
      <p className="muted">{t('studioTriggers.variablesHint')}</p>
      {rows.map((r, i) => {
        const n = i + 1;
        const at = `/action/variables/${r.name}`;
        const known = options.some((o) => o.value === r.field);
        return (
          <div className="trg-variable" key={i}>
            <input aria-label={t('studioTriggers.variable.name', { n })} placeholder={t('studioTriggers.variable.name', { n })} value={r.name} {...errors.control(`/variableRows/${i}/name`)} onChange={(e) => set(i, { name: e.target.value.trim() })} />
            <select aria-label={t('studioTriggers.variable.kind', { n })} value={r.kind} onChange={(e) => set(i, { kind: e.target.value as VariableRow['kind'] })}>
              <option value="field">{t('studioTriggers.variable.kind.field')}</option>
              <option value="constant">{t('studioTriggers.variable.kind.constant')}</option>
            </select>
            {r.kind === 'field' ? (
              <select className="trg-source" aria-label={t('studioTriggers.variable.field', { n })} value={r.field} {...errors.control(at)} onChange={(e) => set(i, { field: e.target.value })}>
                <option value="">—</option>
                {!known && r.field ? <option value={r.field}>{t('studioTriggers.variable.unknownField', { field: r.field })}</option> : null}
                {options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.text}
                  </option>
                ))}
              </select>
            ) : (
              <>
                <select aria-label={t('studioTriggers.variable.type', { n })} value={r.type} onChange={(e) => set(i, { type: e.target.value as VariableRow['type'], value: e.target.value === 'boolean' ? 'true' : r.value })}>
                  {(['string', 'number', 'boolean'] as const).map((ty) => (
                    <option key={ty} value={ty}>
                      {t(`studioTriggers.variable.type.${ty}`)}
                    </option>
                  ))}
                </select>
                {r.type === 'boolean' ? (
                  <select aria-label={t('studioTriggers.variable.value', { n })} value={r.value} {...errors.control(at)} onChange={(e) => set(i, { value: e.target.value })}>
                    <option value="true">{t('studioTriggers.yes')}</option>
                    <option value="false">{t('studioTriggers.no')}</option>
                  </select>
                ) : (
                  <input aria-label={t('studioTriggers.variable.value', { n })} inputMode={r.type === 'number' ? 'decimal' : undefined} value={r.value} {...errors.control(at)} onChange={(e) => set(i, { value: e.target.value })} />
                )}
                <input aria-label={t('studioTriggers.variable.description', { n })} placeholder={t('studioTriggers.variable.description', { n })} value={r.description} onChange={(e) => set(i, { description: e.target.value })} />
              </>
            )}
            <button type="button" className="btn btn-small" aria-label={t('studioTriggers.variable.remove', { n })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
              ×
            </button>
            <FieldMessages errors={errors} path={`/variableRows/${i}/name`} />
            <FieldMessages errors={errors} path={at} below />
          </div>
        );
      })}
      <button type="button" className="btn btn-small" onClick={() => onChange([...rows, { name: '', kind: 'field', field: '', value: '', type: 'string', description: '' }])}>
        {t('studioTriggers.variable.add')}
      </button>
    </fieldset>
  );
}
