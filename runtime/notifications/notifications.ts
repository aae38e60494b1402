/**
 * Notifications (docs/notifications.md): a sender (a service account — the `notify` worker) names a
 * template, recipients and data under an idempotency key; each recipient gets the template rendered
 * in their language, stored as an in-app notification; the answer lists the messages with the
 * addresses to mail them to. The same key again answers the same messages and creates nothing.
 */
import { renderTemplate, type CompiledModel } from '../../metadata/index.js';
import type { User } from '../auth/service.js';
import type { Db, Queryable } from '../db/db.js';
import { UUID } from '../db/sql.js';
import { AppError, type FieldError } from '../errors.js';
import { resolveRecipients } from './recipients.js';

export const KEY_MAX = 200;
export const RECIPIENTS_MAX = 500;
export const LIST_LIMIT_DEFAULT = 50;
export const LIST_LIMIT_MAX = 200;

export interface NotifyRequest {
  key: string;
  template: string;
  to: string[];
  data: Record<string, unknown>;
  record: { entity: string; id: string } | null;
}

/** One stored message as the sender sees it: whom, where to mail it, what it says, whether it was mailed. */
export interface SentMessage {
  id: string;
  userId: string;
  username: string;
  displayName: string;
  email: string | null;
  locale: string;
  subject: string;
  body: string;
  mailedAt: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function invalid(errors: FieldError[]): never {
  throw new AppError('validation-failed', errors.map((e) => `${e.path} ${e.message}`).join('; '), errors);
}

/** The request body checked for shape (every bad member named); templates and recipients are checked when used. */
export function parseNotifyRequest(body: unknown, model: CompiledModel): NotifyRequest {
  if (!isObject(body)) invalid([{ path: '/', message: 'must be a JSON object' }]);
  const errors: FieldError[] = [];
  const { key, template, to, data = {}, record = null } = body;
  if (typeof key !== 'string' || key.length === 0 || key.length > KEY_MAX) errors.push({ path: '/key', message: `must be a string of 1 to ${KEY_MAX} characters` });
  if (typeof template !== 'string' || template.length === 0) errors.push({ path: '/template', message: 'must be a template key' });
  if (!Array.isArray(to) || to.length === 0 || to.length > RECIPIENTS_MAX) errors.push({ path: '/to', message: `must be a list of 1 to ${RECIPIENTS_MAX} recipient ids` });
  else to.forEach((r, i) => typeof r !== 'string' && errors.push({ path: `/to/${i}`, message: 'must be a string' }));
  if (!isObject(data)) errors.push({ path: '/data', message: 'must be a JSON object' });
  if (record !== null) {
    if (!isObject(record)) errors.push({ path: '/record', message: 'must be {entity, id} or null' });
    else {
      const e = model.entities[String(record.entity)];
      if (typeof record.entity !== 'string' || !Object.hasOwn(model.entities, record.entity) || e.hidden) errors.push({ path: '/record/entity', message: 'must be an entity name' });
      if (typeof record.id !== 'string' || !UUID.test(record.id)) errors.push({ path: '/record/id', message: 'must be a record id (uuid)' });
    }
  }
  if (errors.length) invalid(errors);
  const rec = record as { entity: string; id: string } | null;
  return { key: key as string, template: template as string, to: [...new Set(to as string[])], data: data as Record<string, unknown>, record: rec && { entity: rec.entity, id: rec.id.toLowerCase() } };
}

const SENT_SELECT = `select n.id, n.user_id as "userId", u.username, u.display_name as "displayName", u.email, u.locale,
    n.subject, n.body, n.mailed_at as "mailedAt"
  from notify.notification n join sec.user u on u.id = n.user_id`;

/**
 * Store the messages of a request, once per key: `created` false when the key was seen before (the
 * messages stored then are answered, whatever this request says). A concurrent request with the
 * same key waits for the first and answers its messages.
 */
export async function notify(db: Db, model: CompiledModel, sender: User, req: NotifyRequest): Promise<{ created: boolean; messages: SentMessage[] }> {
  return db.tx(async (q) => {
    const fresh = await q.query('insert into notify.request (key, template, sender_id) values ($1, $2, $3) on conflict (key) do nothing returning key', [req.key, req.template, sender.id]);
    if (fresh.length === 0) return { created: false, messages: await q.query<SentMessage>(`${SENT_SELECT} where n.key = $1 order by u.username`, [req.key]) };
    const templates = model.templates ?? {};
    const template = Object.hasOwn(templates, req.template) ? templates[req.template] : undefined;
    if (!template) invalid([{ path: '/template', message: `no template "${req.template}" is published` }]);
    const recipients = await resolveRecipients(q, model, req.to);
    const messages: SentMessage[] = [];
    for (const r of recipients) {
      const recipient = { id: r.id, username: r.username, displayName: r.displayName, locale: r.locale };
      const { subject, body } = renderTemplate(template, r.locale, { ...req.data, recipient, ...(req.record ? { record: req.record } : {}) });
      const [row] = await q.query<{ id: string }>(
        `insert into notify.notification (key, user_id, template, subject, body, record_entity, record_id) values ($1, $2, $3, $4, $5, $6, $7) returning id`,
        [req.key, r.id, req.template, subject, body, req.record?.entity ?? null, req.record?.id ?? null],
      );
      messages.push({ id: row.id, userId: r.id, username: r.username, displayName: r.displayName, email: r.email, locale: r.locale, subject, body, mailedAt: null });
    }
    return { created: true, messages };
  });
}

/** Mark the given messages mailed (those not yet so); returns how many changed. */
export async function markMailed(q: Queryable, ids: unknown): Promise<number> {
  if (!Array.isArray(ids) || ids.length > RECIPIENTS_MAX || !ids.every((id) => typeof id === 'string' && UUID.test(id)))
    invalid([{ path: '/ids', message: `must be a list of at most ${RECIPIENTS_MAX} notification ids (uuid)` }]);
  const rows = await q.query('update notify.notification set mailed_at = now() where id = any($1::uuid[]) and mailed_at is null returning id', [ids]);
  return rows.length;
}

export interface InboxItem {
  id: string;
  template: string;
  subject: string;
  body: string;
  record: { entity: string; id: string } | null;
  createdAt: string;
  readAt: string | null;
}

/** The user's notifications, newest first (`before`: the id of the last one of the previous page), and their unread count. */
export async function listNotifications(q: Queryable, user: User, opts: { unread?: boolean; limit?: number; before?: string }) {
  const limit = opts.limit ?? LIST_LIMIT_DEFAULT;
  const params: unknown[] = [user.id, limit + 1];
  let where = 'n.user_id = $1';
  if (opts.unread) where += ' and n.read_at is null';
  if (opts.before) {
    params.push(opts.before);
    where += ` and (n.created_at, n.id) < (select created_at, id from notify.notification where id = $3 and user_id = $1)`;
  }
  const rows = await q.query<InboxItem>(
    `select n.id, n.template, n.subject, n.body,
            case when n.record_id is null then null else json_build_object('entity', n.record_entity, 'id', n.record_id) end as record,
            n.created_at as "createdAt", n.read_at as "readAt"
       from notify.notification n where ${where} order by n.created_at desc, n.id desc limit $2`,
    params,
  );
  const [{ unread }] = await q.query<{ unread: number }>('select count(*)::int as unread from notify.notification where user_id = $1 and read_at is null', [user.id]);
  const items = rows.slice(0, limit);
  return { items, unread, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
}

/** Mark one of the user's notifications read (the first time counts); 404 for any other id. */
export async function markRead(q: Queryable, user: User, id: string): Promise<{ id: string; readAt: string }> {
  const rows = UUID.test(id)
    ? await q.query<{ id: string; readAt: string }>(
        `update notify.notification set read_at = coalesce(read_at, now()) where id = $1 and user_id = $2 returning id, read_at as "readAt"`,
        [id, user.id],
      )
    : [];
  if (!rows[0]) throw new AppError('not-found', `no notification ${id}`);
  return rows[0];
}
