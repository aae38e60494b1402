/**
 * Publishing metadata against real PostgreSQL: every test gets a fresh database with the platform's
 * migrations applied (meta, crm, sec, audit), publishes real documents and checks the catalog.
 */
import { randomBytes } from 'node:crypto';
import type { EntityDocument, FieldDocument, MetadataPackage } from '../../metadata/index.js';
import { Db } from '../../runtime/db/db.js';
import { ensureDatabase } from '../../runtime/db/embedded.js';
import { migrate } from '../../runtime/db/migrations.js';
import { AppError } from '../../runtime/errors.js';
import { publishMetadata, readModel, type PublishResult } from '../../runtime/publish/index.js';


const open: Db[] = [];
async function freshDb(): Promise<Db> {
  const url = await ensureDatabase(process.env.TEST_DATABASE_URL!, `pub_${randomBytes(6).toString('hex')}`);
  const db = await Db.connect(url);
  open.push(db);
  await migrate(db);
  return db;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

// --- documents -------------------------------------------------------------------------------
const L = (en: string) => ({ 'zh-CN': en, en });
const str = (en: string, maxLength?: number): FieldDocument => ({ type: 'string', ...(maxLength ? { maxLength } : {}), 'x-crm-label': L(en) });
const int = (en: string): FieldDocument => ({ type: 'integer', 'x-crm-label': L(en) });
const ref = (en: string, entity: string, onDelete?: 'restrict' | 'set-null'): FieldDocument => ({
  type: 'string',
  'x-crm-label': L(en),
  'x-crm-lookup': { entity, ...(onDelete ? { onDelete } : {}) },
});
function entity(name: string, properties: Record<string, FieldDocument>, extra: Partial<EntityDocument> = {}): EntityDocument {
  return { type: 'object', 'x-crm-entity': name, 'x-crm-label': L(name), properties, ...extra };
}
const pkg = (...entities: EntityDocument[]): MetadataPackage => ({ entities, views: [], triggers: [] });

const account = (props: Record<string, FieldDocument> = {}, extra: Partial<EntityDocument> = {}) =>
  entity('account', { name: str('Name', 200), ...props }, { required: ['name'], ...extra });

// --- catalog helpers -------------------------------------------------------------------------
async function columnTypes(db: Db, table: string): Promise<Record<string, string>> {
  const rows = await db.query<{ column_name: string; type: string }>(
    `select a.attname as column_name, format_type(a.atttypid, a.atttypmod) as type
       from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'crm' and c.relname = $1 and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [table],
  );
  return Object.fromEntries(rows.map((r) => [r.column_name, r.type]));
}
const tableExists = async (db: Db, table: string) =>
  (await db.query(`select 1 from information_schema.tables where table_schema = 'crm' and table_name = $1`, [table])).length === 1;
const versions = async (db: Db) =>
  (await db.query<{ version: number }>('select version from meta.metadata_version order by version')).map((r) => r.version);

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the publish to fail');
}

describe('publishMetadata', () => {
  test('given an empty database, when v1 is published, then tables, typed nullable columns, FK and indexes exist', async () => {
    const db = await freshDb();
    const docs = pkg(
      account(
        {
          taxId: str('Tax id', 50),
          revenue: { type: 'number', 'x-crm-type': 'money', 'x-crm-label': L('Revenue') },
          employees: int('Employees'),
          founded: { type: 'string', format: 'date', 'x-crm-label': L('Founded') },
          active: { type: 'boolean', 'x-crm-label': L('Active') },
          notes: str('Notes'),
        },
        { 'x-crm-unique': [{ fields: ['taxId'] }], 'x-crm-indexes': [{ fields: ['name'] }] },
      ),
      entity('contact', { fullName: str('Full name', 100), account: ref('Account', 'account', 'set-null') }),
    );

    const res = await publishMetadata(db, docs, { publishedBy: '00000000-0000-4000-8000-000000000001' });

    expect(res).toMatchObject({ version: 1, changed: true });
    expect(res.actions.map((a) => a.kind)).toEqual(['create-schema', 'create-table', 'create-table', 'add-foreign-key', 'create-index', 'create-index', 'create-index']);
    const cols = await db.query<{ column_name: string; data_type: string; character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null; is_nullable: string }>(
      `select column_name, data_type, character_maximum_length, numeric_precision, numeric_scale, is_nullable
         from information_schema.columns where table_schema = 'crm' and table_name = 'account' order by ordinal_position`,
    );
    const byName = Object.fromEntries(cols.map((c) => [c.column_name, c]));
    expect(cols.map((c) => c.column_name)).toEqual([
      'id', 'version', 'owner_id', 'created_at', 'created_by', 'updated_at', 'updated_by', 'deleted_at', 'deleted_by',
      'name', 'tax_id', 'revenue', 'employees', 'founded', 'active', 'notes',
    ]);
    expect(byName.name).toMatchObject({ data_type: 'character varying', character_maximum_length: 200, is_nullable: 'YES' });
    expect(byName.tax_id).toMatchObject({ data_type: 'character varying', character_maximum_length: 50 });
    expect(byName.revenue).toMatchObject({ data_type: 'numeric', numeric_precision: 18, numeric_scale: 2 });
    expect(byName.employees.data_type).toBe('bigint');
    expect(byName.founded.data_type).toBe('date');
    expect(byName.active.data_type).toBe('boolean');
    expect(byName.notes.data_type).toBe('text');
    expect(byName.id).toMatchObject({ data_type: 'uuid', is_nullable: 'NO' });
    expect(byName.created_at).toMatchObject({ data_type: 'timestamp with time zone', is_nullable: 'NO' });
    expect((await columnTypes(db, 'contact')).account_id).toBe('uuid');

    const indexes = await db.query<{ tablename: string; indexname: string; indexdef: string }>(
      `select tablename, indexname, indexdef from pg_indexes where schemaname = 'crm' order by indexname`,
    );
    const defs = Object.fromEntries(indexes.map((i) => [i.indexname, i.indexdef]));
    expect(defs.uq_account_tax_id).toMatch(/CREATE UNIQUE INDEX uq_account_tax_id ON crm.account USING btree \(tax_id\) WHERE \(deleted_at IS NULL\)/);
    expect(defs.ix_account_name).toMatch(/ON crm.account USING btree \(name, created_at, id\)$/); // declared indexes carry the default order
    expect(defs.ix_contact_account_id).toMatch(/\(account_id, created_at, id\)$/);
    expect(defs.ix_account_created_at_id).toMatch(/\(created_at, id\)$/);
    expect(defs.ix_contact_owner_id).toMatch(/\(owner_id\)$/);
    const fks = await db.query<{ conname: string; target: string; confdeltype: string }>(
      `select conname, confrelid::regclass::text as target, confdeltype from pg_constraint where contype = 'f' and connamespace = 'crm'::regnamespace`,
    );
    expect(fks).toEqual([{ conname: 'fk_contact_account_id', target: 'crm.account', confdeltype: 'n' }]);

    const [row] = await db.query<{ version: number; checksum: string; published_by: string; actions: unknown[] }>('select * from meta.metadata_version');
    expect(row).toMatchObject({ version: 1, checksum: expect.stringMatching(/^[0-9a-f]{64}$/), published_by: '00000000-0000-4000-8000-000000000001' });
    expect(row.actions).toHaveLength(res.actions.length);
    expect((await readModel(db)).entities.contact.fields.map((f) => f.column)).toEqual(['full_name', 'account_id']);
  });

  test('given v1 with data, when v2 adds an entity and a field, then both exist and the data survives', async () => {
    const db = await freshDb();
    await publishMetadata(db, pkg(account()));
    const [{ id }] = await db.query<{ id: string }>(`insert into crm.account (name) values ('Acme') returning id`);

    const v2 = await publishMetadata(db, pkg(account({ phone: str('Phone', 30) }), entity('deal', { title: str('Title', 100), account: ref('Account', 'account') })));

    expect(v2.version).toBe(2);
    expect(v2.actions.map((a) => a.summary)).toEqual([
      expect.stringMatching(/^create table crm\.deal \(title varchar\(100\), account_id uuid\)$/),
      'add column crm.account.phone varchar(30)',
      'add foreign key crm.deal.account_id → crm.account on delete restrict',
      'create index crm.ix_deal_account_id on crm.deal (account_id, created_at, id)',
    ]);
    expect(await db.query('select id, name, phone from crm.account')).toEqual([{ id, name: 'Acme', phone: null }]);
    await db.query(`insert into crm.deal (title, account_id) values ('Big', $1)`, [id]);
    await expect(db.query(`delete from crm.account where id = $1`, [id])).rejects.toThrow(/foreign key/);
  });

  test('given rows in an entity and in a field, when a version omits both, then nothing is dropped and both come back with their data', async () => {
    const db = await freshDb();
    const full = pkg(account({ taxId: str('Tax id', 50) }), entity('lead', { title: str('Title', 100) }));
    await publishMetadata(db, full);
    await db.query(`insert into crm.account (name, tax_id) values ('Acme', 'T-1'), ('Beta', 'T-2')`);
    await db.query(`insert into crm.lead (title) values ('Hot lead')`);

    const v2 = await publishMetadata(db, pkg(account()));

    expect(v2.version).toBe(2);
    expect(v2.sql).toEqual([]);
    expect(v2.actions.map((a) => a.kind)).toEqual(['hide-field', 'hide-entity']);
    expect(await tableExists(db, 'lead')).toBe(true);
    expect((await columnTypes(db, 'account')).tax_id).toBe('character varying(50)');
    expect(await db.query('select name, tax_id from crm.account order by name')).toEqual([
      { name: 'Acme', tax_id: 'T-1' },
      { name: 'Beta', tax_id: 'T-2' },
    ]);
    expect(await db.query('select title from crm.lead')).toEqual([{ title: 'Hot lead' }]);
    const hidden = await readModel(db);
    expect(hidden.entities.lead.hidden).toBe(true);
    expect(hidden.entities.account.hidden).toBeUndefined();
    expect(hidden.entities.account.fields.map((f) => [f.name, f.hidden ?? false])).toEqual([
      ['name', false],
      ['taxId', true],
    ]);

    // publishing the smaller package again changes nothing
    expect(await publishMetadata(db, pkg(account()))).toMatchObject({ version: 2, changed: false });

    const v3 = await publishMetadata(db, full);
    expect(v3.version).toBe(3);
    expect(v3.actions.map((a) => a.kind)).toEqual(['unhide-entity', 'unhide-field']);
    const shown = await readModel(db);
    expect(shown.entities.lead.hidden).toBeUndefined();
    expect(shown.entities.account.fields.map((f) => [f.name, f.hidden ?? false])).toEqual([
      ['name', false],
      ['taxId', false],
    ]);
    expect(await db.query('select tax_id from crm.account order by name')).toEqual([{ tax_id: 'T-1' }, { tax_id: 'T-2' }]);
    expect(await db.query('select title from crm.lead')).toEqual([{ title: 'Hot lead' }]);
  });

  test('given text data, when its type is narrowed without a migration, then 422 unsafe-change and nothing changes; with cast it converts', async () => {
    const db = await freshDb();
    await publishMetadata(db, pkg(account({ code: str('Code', 20) })));
    await db.query(`insert into crm.account (name, code) values ('A', '42'), ('B', ' 7'), ('C', null)`);
    const asInteger = pkg(account({ code: int('Code') }));

    const refused = await rejection(publishMetadata(db, asInteger));
    expect(refused).toMatchObject({ code: 'unsafe-change', status: 422 });
    expect(refused.errors).toEqual([
      {
        path: 'entities/account/properties/code',
        message: expect.stringContaining('account.code: changing varchar(20) to bigint could lose data'),
        code: 'publish-needs-migration',
        params: { entity: 'account', field: 'code', problem: { code: 'publish-type-loses-data', params: { from: 'varchar(20)', to: 'bigint', reason: { code: 'type-may-not-convert' } } } },
      },
    ]);
    expect(await versions(db)).toEqual([1]);
    expect((await columnTypes(db, 'account')).code).toBe('character varying(20)');

    const res = await publishMetadata(db, asInteger, { migrations: [{ entity: 'account', field: 'code', using: 'cast' }] });
    expect(res).toMatchObject({ version: 2, changed: true });
    expect((await columnTypes(db, 'account')).code).toBe('bigint');
    expect(await db.query('select name, code from crm.account order by name')).toEqual([
      { name: 'A', code: 42 },
      { name: 'B', code: 7 },
      { name: 'C', code: null },
    ]);
  });

  test('given values that cannot convert, when a cast migration runs, then 422 migration-failed and the whole publish rolls back', async () => {
    const db = await freshDb();
    await publishMetadata(db, pkg(account({ code: str('Code', 20) })));
    await db.query(`insert into crm.account (name, code) values ('A', '42'), ('B', 'abc')`);

    const failed = await rejection(
      publishMetadata(db, pkg(account({ code: int('Code'), phone: str('Phone', 30) }), entity('deal', { title: str('Title', 100) })), {
        migrations: [{ entity: 'account', field: 'code', using: 'cast' }],
      }),
    );

    expect(failed).toMatchObject({ code: 'migration-failed', status: 422 });
    expect(failed.errors).toEqual([
      { path: 'entities/account/properties/code', message: expect.stringMatching(/^account\.code: invalid input syntax for type bigint: "abc"/) },
    ]);
    expect(await versions(db)).toEqual([1]);
    expect(await columnTypes(db, 'account')).not.toHaveProperty('phone');
    expect((await columnTypes(db, 'account')).code).toBe('character varying(20)');
    expect(await tableExists(db, 'deal')).toBe(false);

    const cleared = await publishMetadata(db, pkg(account({ code: int('Code') })), { migrations: [{ entity: 'account', field: 'code', using: 'clear' }] });
    expect(cleared.version).toBe(2);
    expect(await db.query('select code from crm.account')).toEqual([{ code: null }, { code: null }]);
  });

  test('given duplicate values, when the last action (a unique index) fails, then no table, column or version of that plan exists', async () => {
    const db = await freshDb();
    await publishMetadata(db, pkg(account({ code: str('Code', 20) })));
    await db.query(`insert into crm.account (name, code) values ('A', 'X'), ('B', 'X'), ('C', 'Y')`);
    const next = pkg(account({ code: str('Code', 20), phone: str('Phone', 30) }, { 'x-crm-unique': [{ fields: ['code'] }] }), entity('deal', { title: str('Title', 100) }));

    const failed = await rejection(publishMetadata(db, next));

    expect(failed).toMatchObject({ code: 'unsafe-change', status: 422 });
    expect(failed.errors).toEqual([
      {
        path: 'entities/account/x-crm-unique/0',
        message: expect.stringContaining('cannot create unique index uq_account_code: existing records have duplicate values'),
        code: 'publish-unique-duplicates',
        params: { name: 'uq_account_code', detail: expect.stringContaining('is duplicated') },
      },
    ]);
    expect(await versions(db)).toEqual([1]);
    expect(await tableExists(db, 'deal')).toBe(false);
    expect(await columnTypes(db, 'account')).not.toHaveProperty('phone');

    // a soft-deleted duplicate does not block the unique value
    await db.query(`update crm.account set deleted_at = now() where name = 'B'`);
    const ok = await publishMetadata(db, next);
    expect(ok.version).toBe(2);
    expect(ok.actions.at(-1)).toMatchObject({ kind: 'create-index', name: 'uq_account_code' });
    await expect(db.query(`insert into crm.account (name, code) values ('D', 'Y')`)).rejects.toThrow(/uq_account_code/);
  });

  test('given published documents, when the same documents are published again (in another order), then no new version', async () => {
    const db = await freshDb();
    const a = account({ taxId: str('Tax id', 50) });
    const c = entity('contact', { fullName: str('Full name', 100), account: ref('Account', 'account') });
    const first = await publishMetadata(db, pkg(a, c));

    const again = await publishMetadata(db, pkg(c, a));
    const clone = await publishMetadata(db, JSON.parse(JSON.stringify(pkg(a, c))) as MetadataPackage);

    expect(first).toMatchObject({ version: 1, changed: true });
    expect(again).toEqual({ version: 1, changed: false, actions: [], model: expect.anything(), sql: [] });
    expect(clone).toMatchObject({ version: 1, changed: false });
    expect(await versions(db)).toEqual([1]);
  });

  test('given a dry run, when publishing, then the plan is returned and nothing is applied', async () => {
    const db = await freshDb();
    await publishMetadata(db, pkg(account()));

    const dry = await publishMetadata(db, pkg(account({ phone: str('Phone', 30) })), { dryRun: true });

    expect(dry).toMatchObject({ version: 2, changed: true, dryRun: true, sql: ['alter table "crm"."account" add column "phone" varchar(30)'] });
    expect(await versions(db)).toEqual([1]);
    expect(await columnTypes(db, 'account')).not.toHaveProperty('phone');
  });

  test('given invalid documents, when publishing, then 422 metadata-invalid with file#path and nothing is written', async () => {
    const db = await freshDb();
    const bad = pkg(entity('account', { name: str('Name', 200), owner: ref('Owner', 'ghost') }));

    const failed = await rejection(publishMetadata(db, bad));

    expect(failed).toMatchObject({ code: 'metadata-invalid', status: 422 });
    expect(failed.errors!.length).toBeGreaterThan(0);
    expect(failed.errors![0].path).toMatch(/^entities\/account#\//);
    expect(failed.extra?.issues).toBeDefined();
    expect(await versions(db)).toEqual([]);
    expect(await tableExists(db, 'account')).toBe(false);
  });

  test('given several different packages published at once, then versions 1..n with no gaps and every publish succeeds', async () => {
    const db = await freshDb();
    const packages = [
      pkg(account()),
      pkg(account({ taxId: str('Tax id', 50) })),
      pkg(account(), entity('contact', { fullName: str('Full name', 100), account: ref('Account', 'account') })),
      pkg(account({ phone: str('Phone', 30) })),
      pkg(account({ taxId: str('Tax id', 50) }), entity('deal', { title: str('Title', 100) })),
    ];

    const results: PublishResult[] = await Promise.all(packages.map((p) => publishMetadata(db, p)));

    expect(results.map((r) => r.version).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect(results.every((r) => r.changed)).toBe(true);
    expect(await versions(db)).toEqual([1, 2, 3, 4, 5]);
    const last = results.find((r) => r.version === 5)!;
    expect(await readModel(db)).toEqual(JSON.parse(JSON.stringify(last.model)));
  });
});
