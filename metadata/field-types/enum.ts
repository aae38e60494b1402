import type { FieldType } from './field-type.js';
import { plainKeywords } from './field-type.js';

/** Longest enum value (the column is varchar(64)). */
export const MAX_ENUM_VALUE = 64;

export const enumType: FieldType = {
  kind: 'enum',
  jsonTypes: ['string'],
  sqlType: () => `varchar(${MAX_ENUM_VALUE})`,
  fromSchema: (f) => Array.isArray(f.enum),
  apiSchema: (f) => ({ ...plainKeywords(f), type: 'string' }),
};
