import type { FieldType } from './field-type.js';
import { plainKeywords } from './field-type.js';

/** A phone number as typed (normalised only for duplicate checks). Never inferred: say `x-crm-type`. */
export const phone: FieldType = {
  kind: 'phone',
  jsonTypes: ['string'],
  sqlType: () => 'varchar(50)',
  apiSchema: (f) => ({ maxLength: 50, ...plainKeywords(f), type: 'string' }),
};
