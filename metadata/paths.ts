import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of this `metadata/` folder: the shipped CRM model. */
export const DEFAULT_METADATA_DIR = dirname(fileURLToPath(import.meta.url));
export const META_SCHEMA_DIR = join(DEFAULT_METADATA_DIR, 'meta-schemas');
