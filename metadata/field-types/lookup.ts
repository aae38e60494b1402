import type { FieldType } from './field-type.js';

/** The id of a record of `x-crm-lookup.entity` (a foreign key). */
export const lookup: FieldType = {
  kind: 'lookup',
  jsonTypes: ['string'],
  sqlType: () => 'uuid',
  fromSchema: (f) => f['x-crm-lookup'] !== undefined,
  apiSchema: (f) => ({ ...(f.description ? { description: f.description } : {}), type: 'string', format: 'uuid' }),
};
