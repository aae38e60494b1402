import type { FieldType } from './field-type.js';
import { plainKeywords } from './field-type.js';

/** A percentage 0..100 (numeric(5,2)). Never inferred: say `x-crm-type`. */
export const percent: FieldType = {
  kind: 'percent',
  jsonTypes: ['number', 'integer'],
  sqlType: () => 'numeric(5,2)',
  apiSchema: (f) => ({ minimum: 0, maximum: 100, ...plainKeywords(f), type: 'number' }),
};
