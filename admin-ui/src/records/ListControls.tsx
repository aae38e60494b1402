/** The list's own controls: filter conditions, sort keys, grouping, columns, table or board. Each change applies at once. */
import type { EntityMeta, FieldMeta } from '../api/index.js';
import { useI18n } from '../i18n/index.js';
import { ColumnChooser } from './ColumnChooser.js';
import type { Column } from './columns.js';
import { findField } from './fields.js';
import { filterableFields, groupableFields, opKey, opsFor, sortableFields, SORT_MAX, type Condition, type ListSpec, type Op } from './listSpec.js';
import { FieldChoices, SortKeys } from './SortKeys.js';

interface Props {
  entity: EntityMeta;
  spec: ListSpec;
  onChange(spec: ListSpec): void;
  /** The board is offered when the entity has a field to group by. */
  canKanban: boolean;
  /** The table's columns now (the view's unless the person chose their own). */
  columns: Column[];
}

export function ListControls({ entity, spec, onChange, canKanban, columns }: Props) {
  const { t, label } = useI18n();
  const fields = filterableFields(entity);
  const sortFields = sortableFields(entity);
  const fieldLabel = (name: string) => label(findField(entity, name)?.label, name);
  const setConditions = (conditions: Condition[]) => onChange({ ...spec, conditions });
  const update = (i: number, patch: Partial<Condition>) => setConditions(spec.conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const add = () => {
    const first = fields.find((f) => f.name === entity.displayField) ?? fields[0];
    if (first) setConditions([...spec.conditions, { field: first.name, op: opsFor(first)[0]!, value: '' }]);
  };

  return (
    <div className="list-controls">
      <fieldset className="filters">
        <legend>{t('records.filter.title')}</legend>
        {spec.conditions.map((c, i) => {
          const field = fields.find((f) => f.name === c.field);
          const n = i + 1;
          return (
            <div className="filter-row" key={i} data-filter-row={n}>
              <select
                aria-label={t('records.filter.field', { n })}
                value={c.field}
                onChange={(e) => {
                  const next = fields.find((f) => f.name === e.target.value);
                  const ops = opsFor(next);
                  update(i, { field: e.target.value, op: ops.includes(c.op) ? c.op : ops[0]!, value: '' });
                }}
              >
                {fields.map((f) => (
                  <option key={f.name} value={f.name}>
                    {label(f.label, f.name)}
                  </option>
                ))}
              </select>
              <select aria-label={t('records.filter.op', { n })} value={c.op} onChange={(e) => update(i, { op: e.target.value as Op })}>
                {opsFor(field).map((op) => (
                  <option key={op} value={op}>
                    {t(opKey(op))}
                  </option>
                ))}
              </select>
              {c.op !== 'isNull' && <ValueInput field={field} value={c.value} ariaLabel={t('records.filter.value', { n })} onChange={(value) => update(i, { value })} />}
              <button type="button" className="btn btn-small" aria-label={t('records.filter.remove', { n })} onClick={() => setConditions(spec.conditions.filter((_, j) => j !== i))}>
                ✕
              </button>
            </div>
          );
        })}
        <div className="filter-actions">
          <button type="button" className="btn btn-small" onClick={add}>
            + {t('records.filter.add')}
          </button>
          {spec.conditions.length > 0 && (
            <button type="button" className="btn btn-small" onClick={() => setConditions([])}>
              {t('records.filter.clear')}
            </button>
          )}
        </div>
      </fieldset>
      <fieldset className="filters sorts">
        <legend>{t('records.sort.label')}</legend>
        <SortKeys
          sort={spec.sort}
          fieldNames={sortFields.map((f) => f.name)}
          options={(current) => <FieldChoices fields={sortFields} current={current} currentLabel={fieldLabel(current)} />}
          onChange={(sort) => onChange({ ...spec, sort })}
          text={{
            field: (n) => t('records.sort.field', { n }),
            direction: (n) => t('records.sort.direction', { n }),
            remove: (n) => t('records.sort.remove', { n }),
            removeText: '✕',
            add: `+ ${t('records.sort.add')}`,
            asc: t('records.sort.asc'),
            desc: t('records.sort.desc'),
          }}
          max={SORT_MAX}
          rowClassName="filter-row"
        />
      </fieldset>
      <div className="sort-mode">
        {spec.mode === 'table' && (
          <label className="inline-field">
            <span>{t('records.group.label')}</span>
            <select value={spec.groupBy ?? ''} onChange={(e) => onChange({ ...spec, groupBy: e.target.value || undefined })}>
              <option value="">{t('records.group.none')}</option>
              <FieldChoices fields={groupableFields(entity)} current={spec.groupBy} currentLabel={fieldLabel(spec.groupBy ?? '')} />
            </select>
          </label>
        )}
        {spec.mode === 'table' && <ColumnChooser entity={entity} columns={columns} onChange={(names) => onChange({ ...spec, columns: names })} />}
        {canKanban && (
          <div className="mode-switch" role="group" aria-label={t('records.mode.label')}>
            {(['table', 'kanban'] as const).map((mode) => (
              <button key={mode} type="button" className={spec.mode === mode ? 'active' : undefined} aria-pressed={spec.mode === mode} onClick={() => onChange({ ...spec, mode })}>
                {t(mode === 'table' ? 'records.mode.table' : 'records.mode.kanban')}
              </button>
            ))}
          </div>
        )}
      </div>
    </div>
  );
}

function ValueInput({ field, value, ariaLabel, onChange }: { field: FieldMeta | undefined; value: string; ariaLabel: string; onChange(v: string): void }) {
  const { t, label } = useI18n();
  if (field?.kind === 'enum' || field?.kind === 'boolean') {
    const choices = field.kind === 'boolean' ? ['true', 'false'] : (field.enumValues ?? []);
    return (
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('form.choose')}</option>
        {choices.map((v) => (
          <option key={v} value={v}>
            {field.kind === 'boolean' ? t(v === 'true' ? 'value.yes' : 'value.no') : label(field.enumLabels?.[v], v)}
          </option>
        ))}
      </select>
    );
  }
  const numeric = ['integer', 'number', 'money', 'percent'].includes(field?.kind ?? '');
  const type = numeric ? 'number' : field?.kind === 'date' ? 'date' : field?.kind === 'datetime' ? 'datetime-local' : 'text';
  return <input aria-label={ariaLabel} type={type} value={value} onChange={(e) => onChange(e.target.value)} />;
}
