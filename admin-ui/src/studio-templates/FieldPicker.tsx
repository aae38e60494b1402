/** The entity's fields as placeholder buttons (lookups open their target's fields): a click inserts `{{path}}` in the editor. */
import type { EntityMeta } from '../api/index.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { useText } from './messages.js';

function Buttons({ entity, prefix, onInsert }: { entity: EntityMeta; prefix: string; onInsert: (placeholder: string) => void }) {
  const { t, label } = useText();
  return (
    <>
      {entity.fields.map((f) => {
        const placeholder = `{{${prefix}${f.name}}}`;
        return (
          <button key={f.name} type="button" className="btn btn-small" title={placeholder} aria-label={t('insert', { placeholder })} onClick={() => onInsert(placeholder)}>
            {label(f.label, f.name)}
          </button>
        );
      })}
    </>
  );
}

export function FieldPicker({ entity, onInsert }: { entity: EntityMeta; onInsert: (placeholder: string) => void }) {
  const { t, label } = useText();
  const { entity: entityOf } = useMetadata();
  const lookups = entity.fields.filter((f) => f.lookup && entityOf(f.lookup.entity));
  return (
    <div role="group" aria-labelledby="template-fields-heading">
      <h3 id="template-fields-heading">{t('fields', { entity: label(entity.label, entity.name) })}</h3>
      <p className="muted">{t('fieldsHelp')}</p>
      <div className="field-picker">
        <Buttons entity={entity} prefix="" onInsert={onInsert} />
        {lookups.map((f) => (
          <details key={f.name}>
            <summary>{`${label(f.label, f.name)} → ${label(entityOf(f.lookup!.entity)!.label, f.lookup!.entity)}`}</summary>
            <div className="field-picker">
              <Buttons entity={entityOf(f.lookup!.entity)!} prefix={`${f.name}.`} onInsert={onInsert} />
            </div>
          </details>
        ))}
      </div>
    </div>
  );
}
