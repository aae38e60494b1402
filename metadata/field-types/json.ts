import type { FieldType } from './field-type.js';
import { declaredTypes, plainKeywords } from './field-type.js';

/** Any JSON value kept as jsonb; also the kind of a field that declares no type at all. */
export const json: FieldType = {
  kind: 'json',
  jsonTypes: ['object', 'array', 'string', 'number', 'integer', 'boolean'],
  sqlType: () => 'jsonb',
  fromSchema: (f) => {
    const types = declaredTypes(f);
    return types.length === 0 || types.includes('object') || types.includes('array');
  },
  apiSchema: (f) => plainKeywords(f),
};
