/**
 * Metadata packages as zip files, through fflate (deflate, UTF-8 names). Entries carry a fixed
 * timestamp, so the same files always give the same bytes.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { AppError } from '../errors.js';

export interface ZipEntry {
  path: string;
  data: Buffer;
}

/** 1980-01-01 00:00 local time: the first DOS date, read back field by field, so the same in every time zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

export function writeZip(entries: ZipEntry[]): Buffer {
  const files: Zippable = {};
  for (const e of entries) files[e.path] = [new Uint8Array(e.data), { level: 6, mtime: FIXED_TIME }];
  return Buffer.from(zipSync(files));
}

const notZip = (why: string) => new AppError('validation-failed', `not a readable zip file: ${why}`, [{ path: '/', message: why }]);

/** The files of a zip (directories left out); 400 when it is not a zip this reader understands. */
export function readZip(buf: Buffer): ZipEntry[] {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(new Uint8Array(buf.buffer, buf.byteOffset, buf.length));
  } catch (e) {
    throw notZip(e instanceof Error ? e.message : String(e));
  }
  return Object.entries(files)
    .filter(([path]) => !path.endsWith('/'))
    .map(([path, data]) => ({ path, data: Buffer.from(data) }));
}
