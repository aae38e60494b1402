/**
 * A small ZIP writer and reader (PKWARE APPNOTE: local headers, central directory, end record;
 * methods 0 stored and 8 deflate) — enough for a metadata package of JSON files. Entries carry a
 * fixed timestamp, so the same files always give the same bytes.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import { AppError } from '../errors.js';

export interface ZipEntry {
  path: string;
  data: Buffer;
}

const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01: the same package, the same zip
const UTF8_FLAG = 0x0800;

/** A record: its signature, then little-endian fields of 2 or 4 bytes. */
function header(signature: number, fields: [number, number][]): Buffer {
  const buf = Buffer.alloc(4 + fields.reduce((n, [size]) => n + size, 0));
  buf.writeUInt32LE(signature, 0);
  let at = 4;
  for (const [size, value] of fields) {
    if (size === 2) buf.writeUInt16LE(value, at);
    else buf.writeUInt32LE(value, at);
    at += size;
  }
  return buf;
}

export function writeZip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.path, 'utf8');
    const packed = deflateRawSync(e.data);
    // version needed, flags, method 8, time, date, crc, sizes, name length, extra length (0)
    const common: [number, number][] = [[2, 20], [2, UTF8_FLAG], [2, 8], [2, 0], [2, DOS_DATE], [4, crc32(e.data)], [4, packed.length], [4, e.data.length], [2, name.length], [2, 0]];
    const local = header(0x04034b50, common);
    const central = header(0x02014b50, [[2, 20], ...common, [2, 0], [2, 0], [2, 0], [4, 0], [4, offset]]);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = header(0x06054b50, [[2, 0], [2, 0], [2, entries.length], [2, entries.length], [4, dir.length], [4, offset], [2, 0]]);
  return Buffer.concat([...locals, dir, end]);
}

const notZip = (why: string) => new AppError('validation-failed', `not a readable zip file: ${why}`, [{ path: '/', message: why }]);

/** The files of a zip (directories left out); 400 when it is not a zip this reader understands. */
export function readZip(buf: Buffer): ZipEntry[] {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65_535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw notZip('no end of central directory');
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw notZip('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const path = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    p += 46 + nameLen + extraLen + commentLen;
    if (path.endsWith('/')) continue;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw notZip(`bad entry ${path}`);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + size);
    if (method === 0) out.push({ path, data: Buffer.from(raw) });
    else if (method === 8) out.push({ path, data: inflateRawSync(raw) });
    else throw notZip(`${path} uses compression method ${method} (only stored and deflate are read)`);
  }
  return out;
}
