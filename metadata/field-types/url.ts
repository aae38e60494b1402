import type { FieldType } from './field-type.js';
import { formattedString, isJsonType } from './field-type.js';

export const url: FieldType = {
  kind: 'url',
  jsonTypes: ['string'],
  sqlType: () => 'varchar(2000)',
  fromSchema: (f) => isJsonType(f, 'string') && f.format === 'uri',
  apiSchema: (f) => ({ maxLength: 2000, ...formattedString(f, 'uri') }),
};
