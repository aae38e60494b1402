import type { FieldType } from './field-type.js';
import { formattedString, isJsonType } from './field-type.js';

export const date: FieldType = {
  kind: 'date',
  jsonTypes: ['string'],
  sqlType: () => 'date',
  fromSchema: (f) => isJsonType(f, 'string') && f.format === 'date',
  apiSchema: (f) => formattedString(f, 'date'),
};
