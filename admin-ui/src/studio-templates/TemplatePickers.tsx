/** The editor's pickers: the entity's fields as `{{path}}` placeholders, and a column picker per lines table of the template. */
import type { EntityMeta } from '../api/index.js';
import { useMetadata } from '../app/MetadataProvider.js';
import type { DocumentTemplate } from '../api/studioTemplates.js';
import { FieldPicker } from './FieldPicker.js';
import { useText } from './messages.js';
import { linesBlocks } from './templateJson.js';

interface Props {
  meta: EntityMeta | undefined;
  template: DocumentTemplate | null;
  onPlaceholder: (placeholder: string) => void;
  onColumn: (block: number, field: string) => void;
}

export function TemplatePickers({ meta, template, onPlaceholder, onColumn }: Props) {
  const { t, label } = useText();
  const { entity } = useMetadata();
  return (
    <>
      {meta && (
        <FieldPicker
          entity={meta}
          id="template-fields"
          heading={t('fields', { entity: label(meta.label, meta.name) })}
          help={t('fieldsHelp')}
          onPick={(path) => onPlaceholder(`{{${path}}}`)}
          describe={(path) => t('insert', { placeholder: `{{${path}}}` })}
        />
      )}
      {linesBlocks(template, entity).map(({ index, entity: lineEntity }, n) => (
        <FieldPicker
          key={index}
          entity={lineEntity}
          id={`template-columns-${index}`}
          heading={t('columns', { n: n + 1, entity: label(lineEntity.label, lineEntity.name) })}
          help={t('columnsHelp')}
          onPick={(path) => onColumn(index, path)}
          describe={(path) => t('addColumn', { path, n: n + 1 })}
        />
      ))}
    </>
  );
}
