import type { FieldType } from './field-type.js';
import { isJsonType } from './field-type.js';

export const number: FieldType = {
  kind: 'number',
  jsonTypes: ['number', 'integer'],
  sqlType: () => 'double precision',
  fromSchema: (f) => isJsonType(f, 'number'),
};
