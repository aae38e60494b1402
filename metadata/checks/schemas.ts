/** Each field's value schema must compile with the records API's ajv, and its default must fit it. */
import { apiValueSchema } from '../field-types/index.js';
import { createAjv } from '../ajv.js';
import { pointer } from '../json-pointer.js';
import type { CheckContext } from './context.js';

export function checkFieldSchemas(ctx: CheckContext): void {
  const ajv = createAjv();
  for (const info of ctx.entities.values()) {
    if (!ctx.schemaValid.has(info.doc)) continue;
    for (const [name, field] of info.fields) {
      let validate;
      try {
        validate = ajv.compile(apiValueSchema(field.doc, field.kind));
      } catch (e) {
        ctx.report(info.file, pointer('properties', name), `not a valid JSON Schema: ${(e as Error).message}`);
        continue;
      }
      const dflt = field.doc.default;
      if (dflt !== undefined && dflt !== null && !validate(dflt)) {
        ctx.report(info.file, pointer('properties', name, 'default'), `default does not fit the field: ${ajv.errorsText(validate.errors)}`);
      }
    }
  }
}
