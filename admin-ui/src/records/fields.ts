/** Field look-ups shared by the record pages: system fields, display values, lookup ids. */
import type { CrmRecord, EntityMeta, FieldMeta, Label, Locale } from '../api/index.js';
import { pickLabel, translate, type MessageKey } from '../i18n/index.js';

const bothLanguages = (key: MessageKey): Label => ({ 'zh-CN': translate('zh-CN', key), en: translate('en', key) });

const system = (name: string, kind: FieldMeta['kind'], key: MessageKey): FieldMeta => ({
  name,
  kind,
  label: bothLanguages(key),
  required: false,
  readonly: true,
});

/** Columns every record has (not declared in metadata); labels come from the catalogues. */
export const SYSTEM_FIELDS: FieldMeta[] = [
  system('createdAt', 'datetime', 'field.createdAt'),
  system('createdBy', 'text', 'field.createdBy'),
  system('updatedAt', 'datetime', 'field.updatedAt'),
  system('updatedBy', 'text', 'field.updatedBy'),
  system('ownerId', 'text', 'field.ownerId'),
  system('version', 'integer', 'field.version'),
  system('id', 'text', 'field.id'),
];

/** System fields that hold a user id. */
export const USER_FIELDS = new Set(['createdBy', 'updatedBy', 'ownerId']);

export function findField(entity: EntityMeta | undefined, name: string): FieldMeta | undefined {
  return entity?.fields.find((f) => f.name === name) ?? SYSTEM_FIELDS.find((f) => f.name === name);
}

/** Fields a person edits: declared, not read-only. */
export const editableFields = (entity: EntityMeta): FieldMeta[] => entity.fields.filter((f) => !f.readonly);

export const lookupFieldNames = (entity: EntityMeta): string[] => entity.fields.filter((f) => f.kind === 'lookup').map((f) => f.name);

/** The id behind a lookup value: the expanded related record, or the id string itself. */
export function relatedId(value: unknown): string | null {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
}

/**
 * What names a record to people: its display field; a record whose display field is empty (a
 * quote line without a description) is named by its entity's label and the first 8 characters of
 * its id — "Quote line #0b0c7cb0" / "报价明细 #0b0c7cb0" (`#0b0c7cb0` when no locale is given).
 */
export function displayValue(entity: EntityMeta | undefined, record: Partial<CrmRecord> | null | undefined, locale?: Locale): string {
  if (!record) return '';
  const value = entity ? record[entity.displayField] : undefined;
  if (value !== undefined && value !== null && value !== '') return String(value);
  if (!record.id) return '';
  const short = `#${record.id.slice(0, 8)}`;
  return entity && locale ? `${pickLabel(locale, entity.label, entity.name)} ${short}` : short;
}
