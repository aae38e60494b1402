import type { FieldType } from './field-type.js';
import { formattedString, isJsonType } from './field-type.js';

export const email: FieldType = {
  kind: 'email',
  jsonTypes: ['string'],
  sqlType: () => 'varchar(320)',
  fromSchema: (f) => isJsonType(f, 'string') && f.format === 'email',
  apiSchema: (f) => ({ maxLength: 320, ...formattedString(f, 'email') }),
};
