import type { FieldType } from './field-type.js';
import { formattedString, isJsonType } from './field-type.js';

export const datetime: FieldType = {
  kind: 'datetime',
  jsonTypes: ['string'],
  sqlType: () => 'timestamptz',
  fromSchema: (f) => isJsonType(f, 'string') && f.format === 'date-time',
  apiSchema: (f) => formattedString(f, 'date-time'),
};
