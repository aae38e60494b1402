import type { FieldType } from './field-type.js';
import { isJsonType, plainKeywords } from './field-type.js';

export const integer: FieldType = {
  kind: 'integer',
  jsonTypes: ['integer'],
  sqlType: () => 'bigint',
  fromSchema: (f) => isJsonType(f, 'integer'),
  apiSchema: (f) => ({ ...plainKeywords(f), type: 'integer' }),
};
