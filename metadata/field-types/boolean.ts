import type { FieldType } from './field-type.js';
import { isJsonType } from './field-type.js';

export const boolean: FieldType = {
  kind: 'boolean',
  jsonTypes: ['boolean'],
  sqlType: () => 'boolean',
  fromSchema: (f) => isJsonType(f, 'boolean'),
};
