import type { FieldType } from './field-type.js';
import { isJsonType } from './field-type.js';

/** Longest `maxLength` stored as `varchar(n)`; longer (or unbounded) text is `text`. */
export const MAX_VARCHAR = 1000;

export const text: FieldType = {
  kind: 'text',
  jsonTypes: ['string'],
  sqlType: (f) => (typeof f.maxLength === 'number' && f.maxLength <= MAX_VARCHAR ? `varchar(${f.maxLength})` : 'text'),
  fromSchema: (f) => isJsonType(f, 'string'),
};
