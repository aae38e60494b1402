import type { FieldType } from './field-type.js';
import { plainKeywords } from './field-type.js';

/** numeric(18,2): at most 16 digits before the point. Never inferred: say `x-crm-type`. */
export const money: FieldType = {
  kind: 'money',
  jsonTypes: ['number', 'integer'],
  sqlType: () => 'numeric(18,2)',
  apiSchema: (f) => ({ exclusiveMinimum: -1e16, exclusiveMaximum: 1e16, ...plainKeywords(f), type: 'number' }),
};
