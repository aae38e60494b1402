/**
 * Attachment routes (docs/attachments.md): `POST|GET /api/records/:entity/:id/attachments`
 * (multipart upload, field `file`; list) and `GET /api/attachments/:id/content` (download). The
 * record's access is checked before an upload is read.
 */
import { Router, type Request, type Response } from 'express';
import multer from 'multer';
import { currentUser } from '../auth/routes.js';
import type { Db } from '../db/db.js';
import { AppError } from '../errors.js';
import type { ModelStore } from '../model/store.js';
import { addAttachment, assertRecordAccess, attachmentContent, listAttachments } from './attachments.js';

/** A MIME type we send back as given; anything else is served as application/octet-stream. */
const MIME = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+$/i;

export function attachmentRoutes(db: Db, store: ModelStore, maxBytes: number): { records: Router; attachments: Router } {
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 10_000 }, defParamCharset: 'utf8' }).single('file');
  const mib = Math.round((maxBytes / 1024 / 1024) * 10) / 10;

  /** Parse the multipart body; its errors become 4xx problems naming the part. */
  const receive = (req: Request, res: Response) =>
    new Promise<void>((resolve, reject) =>
      upload(req, res, (err: unknown) => {
        if (!err) return resolve();
        if (err instanceof multer.MulterError) {
          if (err.code === 'LIMIT_FILE_SIZE') return reject(new AppError('payload-too-large', `the file is larger than ${mib} MiB`, [{ path: '/file', message: `larger than ${mib} MiB (ATTACHMENT_MAX_MB)` }]));
          return reject(new AppError('bad-request', err.message, [{ path: `/${err.field ?? ''}`, message: err.code === 'LIMIT_UNEXPECTED_FILE' ? 'send one file, as part "file"' : err.message }]));
        }
        reject(new AppError('bad-request', `not a readable multipart/form-data body: ${err instanceof Error ? err.message : String(err)}`));
      }),
    );

  const recordOf = (req: Request) => ({ entity: store.entity(String(req.params.entity)).name, id: String(req.params.id) });

  const records = Router();
  records.get('/:entity/:id/attachments', async (req, res) => {
    res.json({ items: await listAttachments(db, store.current, currentUser(req), recordOf(req)) });
  });
  records.post('/:entity/:id/attachments', async (req, res) => {
    const user = currentUser(req);
    const record = recordOf(req);
    // Refuse before reading a byte of the upload (the write re-checks in its transaction).
    await assertRecordAccess(db, user, store.current, record.entity, record.id, 'edit');
    await receive(req, res);
    if (!req.file) throw new AppError('validation-failed', 'no file: send multipart/form-data with the file in part "file"', [{ path: '/file', message: 'is required' }]);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const text = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const created = await addAttachment(db, store.current, user, record, req.file, { name: text('name'), description: text('description') });
    res.status(201).json(created);
  });

  const attachments = Router();
  attachments.get('/:id/content', async (req, res) => {
    const { attachment, bytes } = await attachmentContent(db, store.current, currentUser(req), String(req.params.id));
    const mime = String(attachment.mimeType);
    // Always a download, in a sandbox: a stored file never runs as a page of this origin.
    res.attachment(String(attachment.name));
    res.set({
      'Content-Type': MIME.test(mime) ? mime : 'application/octet-stream',
      'Content-Length': String(bytes.length),
      'Content-Security-Policy': "sandbox; default-src 'none'",
      'Cache-Control': 'private, no-cache',
      'Repr-Digest': `sha-256=:${Buffer.from(String(attachment.sha256), 'hex').toString('base64')}:`,
    });
    res.end(bytes);
  });
  return { records, attachments };
}
