/**
 * `npm run codegen`: validate the shipped metadata and write metadata/generated/entities.d.ts.
 * Exits 1 with every issue listed when the metadata is invalid.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_METADATA_DIR, MetadataInvalidError, loadModel } from './index.js';
import { generateTypes } from './codegen-lib.js';

const dir = process.argv[2] ?? DEFAULT_METADATA_DIR;
try {
  const model = loadModel(dir);
  const out = join(DEFAULT_METADATA_DIR, 'generated', 'entities.d.ts');
  mkdirSync(join(DEFAULT_METADATA_DIR, 'generated'), { recursive: true });
  writeFileSync(out, await generateTypes(model));
  console.log(`codegen: ${Object.keys(model.entities).length} entities → ${out}`);
} catch (e) {
  if (!(e instanceof MetadataInvalidError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
