/**
 * An entity's fields as buttons (lookups open their target's fields), each picking a field path
 * (`name`, `account.name`): the placeholder picker inserts `{{path}}` at the cursor, a lines
 * block's column picker adds `{"field": path}` to its columns.
 */
import type { EntityMeta } from '../api/index.js';
import { useMetadata } from '../app/MetadataProvider.js';
import { useText } from './messages.js';

interface Pick {
  onPick: (path: string) => void;
  /** The button's accessible name for a path. */
  describe: (path: string) => string;
}

function Buttons({ entity, prefix, onPick, describe }: Pick & { entity: EntityMeta; prefix: string }) {
  const { label } = useText();
  return (
    <>
      {entity.fields.map((f) => {
        const path = `${prefix}${f.name}`;
        return (
          <button key={f.name} type="button" className="btn btn-small" title={path} aria-label={describe(path)} onClick={() => onPick(path)}>
            {label(f.label, f.name)}
          </button>
        );
      })}
    </>
  );
}

export function FieldPicker({ entity, id, heading, help, onPick, describe }: Pick & { entity: EntityMeta; id: string; heading: string; help: string }) {
  const { label } = useText();
  const { entity: entityOf } = useMetadata();
  const lookups = entity.fields.filter((f) => f.lookup && entityOf(f.lookup.entity));
  return (
    <div role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{heading}</h3>
      <p className="muted">{help}</p>
      <div className="field-picker">
        <Buttons entity={entity} prefix="" onPick={onPick} describe={describe} />
        {lookups.map((f) => (
          <details key={f.name}>
            <summary>{`${label(f.label, f.name)} → ${label(entityOf(f.lookup!.entity)!.label, f.lookup!.entity)}`}</summary>
            <div className="field-picker">
              <Buttons entity={entityOf(f.lookup!.entity)!} prefix={`${f.name}.`} onPick={onPick} describe={describe} />
            </div>
          </details>
        ))}
      </div>
    </div>
  );
}
