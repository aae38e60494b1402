/**
 * Lead conversion (docs/processes/lead-qualification.md): in ONE transaction, the lead's customer
 * becomes an account (an existing one when the account duplicate rules match it — one central
 * customer base), its person a contact of that account (an existing contact when the contact rules
 * match), and unless declined an opportunity on the account; the lead is linked to all three and
 * goes to `converted`. The new records belong to the lead's owner. Converting a converted lead
 * answers its links again (a retried worker call changes nothing).
 */
import type { CompiledEntity } from '../../metadata/index.js';
import { accessPredicate, assertCan } from '../access/index.js';
import { UUID } from '../db/sql.js';
import { AppError } from '../errors.js';
import { findDuplicates } from '../records/duplicates.js';
import { getRecord } from '../records/read.js';
import { createRecord, updateRecord, type ApiRecord, type WriteContext } from '../records/write.js';

export interface ConvertInput {
  /** Link to this existing account instead of finding or creating one. */
  accountId?: string;
  /** Values for the new account, over those taken from the lead. */
  account?: Record<string, unknown>;
  /** Values for the new contact, over those taken from the lead. */
  contact?: Record<string, unknown>;
  /** Values for the new opportunity (e.g. name, amount, closeDate), or false for none. */
  opportunity?: Record<string, unknown> | false;
}

export interface Linked {
  id: string;
  /** false when an existing record was linked. */
  created: boolean;
}

export interface ConvertResult {
  /** false when the lead had been converted before (nothing changed now). */
  converted: boolean;
  lead: ApiRecord;
  account: Linked;
  contact: Linked;
  opportunity: Linked | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseConvertInput(body: unknown): ConvertInput {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) throw new AppError('validation-failed', 'request body must be a JSON object', [{ path: '/', message: 'must be a JSON object' }]);
  const unknown = Object.keys(body).filter((k) => !['accountId', 'account', 'contact', 'opportunity'].includes(k));
  if (unknown.length) throw new AppError('unknown-field', `unknown member ${unknown.join(', ')}`, unknown.map((k) => ({ path: `/${k}`, message: 'unknown member' })));
  const { accountId, account, contact, opportunity } = body;
  const errors = [
    ...(accountId !== undefined && (typeof accountId !== 'string' || !UUID.test(accountId)) ? [{ path: '/accountId', message: 'must be an account id' }] : []),
    ...(account !== undefined && !isObject(account) ? [{ path: '/account', message: 'must be an object' }] : []),
    ...(contact !== undefined && !isObject(contact) ? [{ path: '/contact', message: 'must be an object' }] : []),
    ...(opportunity !== undefined && opportunity !== false && !isObject(opportunity) ? [{ path: '/opportunity', message: 'must be an object or false' }] : []),
  ];
  if (errors.length) throw new AppError('validation-failed', 'invalid conversion request', errors);
  return body as ConvertInput;
}

/** The name as a contact's first and last name: "Li Lei" → Li / Lei; 李雷 → 雷 / 李 (family name first). */
export function splitName(full: string): { firstName: string; lastName: string } {
  const name = full.trim();
  const words = name.split(/\s+/);
  if (words.length > 1) return { firstName: words.slice(0, -1).join(' '), lastName: words[words.length - 1] };
  if (/^\p{Script=Han}{2,}$/u.test(name)) return { lastName: name.slice(0, 1), firstName: name.slice(1) };
  return { firstName: name, lastName: name };
}

/** Run `fn`; a field error it throws is reported under `prefix` (`/account/name`). */
async function under<T>(prefix: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof AppError && e.errors) throw new AppError(e.code, `${prefix.slice(1)}: ${e.message}`, e.errors.map((x) => ({ ...x, path: `${prefix}${x.path}` })), e.extra);
    throw e;
  }
}

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== ''));

/** An existing record the entity's duplicate rules match for `values` (the first rule's first match), or null. */
async function existing(ctx: WriteContext, entity: CompiledEntity, values: Record<string, unknown>): Promise<string | null> {
  const matches = await findDuplicates(ctx.q, entity, values, accessPredicate(ctx.user, ctx.model, entity.name, 'read'));
  return matches[0]?.id ?? null;
}

/**
 * Convert lead `id` as `ctx.user` (edit access to the lead; create permission on account, contact
 * and opportunity). Run it inside a transaction: all of it commits or none.
 */
export async function convertLead(ctx: WriteContext, id: string, input: ConvertInput): Promise<ConvertResult> {
  const entities = ctx.model.entities;
  for (const name of ['account', 'contact', 'opportunity']) assertCan(ctx.user, ctx.model, name, 'create');
  assertCan(ctx.user, ctx.model, 'lead', 'update');
  if (UUID.test(id)) await ctx.q.query('select 1 from crm.lead where id = $1 for update', [id]); // one conversion at a time
  const lead = (await getRecord(ctx, entities.lead, id, {})) as ApiRecord;
  if (lead.status === 'converted' && typeof lead.convertedAccount === 'string' && typeof lead.convertedContact === 'string') {
    const opp = typeof lead.convertedOpportunity === 'string' ? { id: lead.convertedOpportunity, created: false } : null;
    return { converted: false, lead, account: { id: lead.convertedAccount, created: false }, contact: { id: lead.convertedContact, created: false }, opportunity: opp };
  }
  const owner = typeof lead.ownerId === 'string' ? lead.ownerId : ctx.user.isService ? null : ctx.user.id;
  const str = (k: string) => (typeof lead[k] === 'string' ? (lead[k] as string) : undefined);

  let account: Linked;
  if (input.accountId) account = { id: input.accountId.toLowerCase(), created: false };
  else {
    const values = { ...defined({ name: str('company'), industry: str('industry'), region: str('region'), source: str('source'), phone: str('phone'), email: str('email') }), ...input.account };
    const found = await existing(ctx, entities.account, values);
    account = found
      ? { id: found, created: false }
      : { id: (await under('/account', () => createRecord(ctx, entities.account, values, { allowDuplicates: true, ownerId: owner }))).id, created: true };
  }

  const contactValues = {
    ...splitName(str('contactName') ?? ''),
    ...defined({ title: str('title'), mobile: str('phone'), email: str('email') }),
    account: account.id,
    ...input.contact,
  };
  const foundContact = await existing(ctx, entities.contact, contactValues);
  const contact = foundContact
    ? { id: foundContact, created: false }
    : { id: (await under('/contact', () => createRecord(ctx, entities.contact, contactValues, { allowDuplicates: true, ownerId: owner }))).id, created: true };

  let opportunity: Linked | null = null;
  if (input.opportunity !== false) {
    const values = { name: str('company'), ...defined({ source: str('source') }), ...input.opportunity, account: account.id };
    opportunity = { id: (await under('/opportunity', () => createRecord(ctx, entities.opportunity, values, { allowDuplicates: true, ownerId: owner }))).id, created: true };
  }

  const updated = await updateRecord(ctx, entities.lead, id, {
    status: 'converted',
    convertedAccount: account.id,
    convertedContact: contact.id,
    ...(opportunity ? { convertedOpportunity: opportunity.id } : {}),
  });
  return { converted: true, lead: updated, account, contact, opportunity };
}
