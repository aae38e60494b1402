/**
 * The one ajv configuration of the metadata context (JSON Schema 2020-12, every error, union types,
 * ajv-formats, strict). Meta-schemas and record schemas are both compiled with it. Record schemas
 * never carry x-crm-* annotations (entityRecordSchema strips them), so strict mode stays on.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

type AddFormats = (ajv: Ajv2020) => Ajv2020;
// CommonJS default export: Node hands over module.exports, TypeScript's NodeNext view wraps it.
const addFormats: AddFormats =
  (addFormatsModule as unknown as { default?: AddFormats }).default ?? (addFormatsModule as unknown as AddFormats);

export type { Ajv2020 } from 'ajv/dist/2020.js';
export type { ErrorObject, ValidateFunction } from 'ajv';

export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, allowUnionTypes: true, strict: true, strictTypes: false, strictRequired: false });
  addFormats(ajv);
  return ajv;
}
