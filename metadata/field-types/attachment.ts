import type { FieldType } from './field-type.js';
import { declaredTypes } from './field-type.js';

const multiple = (f: Parameters<FieldType['sqlType']>[0]) => declaredTypes(f).includes('array');

/**
 * Files of the record itself (docs/attachments.md): the id of one of its attachments (`type:
 * "string"`), or several (`type: "array"`) kept as `uuid[]`. Never inferred: say `x-crm-type`.
 */
export const attachment: FieldType = {
  kind: 'attachment',
  jsonTypes: ['string', 'array'],
  sqlType: (f) => (multiple(f) ? 'uuid[]' : 'uuid'),
  apiSchema: (f) => {
    const id = { type: 'string', format: 'uuid' };
    const description = f.description ? { description: f.description } : {};
    return multiple(f) ? { ...description, type: 'array', items: id, uniqueItems: true, maxItems: typeof f.maxItems === 'number' ? f.maxItems : 100 } : { ...description, ...id };
  },
};
