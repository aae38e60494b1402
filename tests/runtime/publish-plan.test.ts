/**
 * planPublish is pure: these tests run without a database, on hand-built compiled models.
 */
import type { CompiledEntity, CompiledField, CompiledModel, FieldKind } from '../../metadata/types.js';
import { EMPTY_SECURITY, issueMessage, type Coded } from '../../metadata/index.js';
import { planPublish, type MigrationStep, type Plan } from '../../runtime/publish/plan.js';

const label = (s: string) => ({ 'zh-CN': s, en: s });
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

function field(name: string, kind: FieldKind, sqlType: string, extra: Partial<CompiledField> = {}): CompiledField {
  return {
    name,
    column: snake(name) + (kind === 'lookup' ? '_id' : ''),
    kind,
    sqlType,
    label: label(name),
    required: false,
    schema: { 'x-crm-label': label(name) },
    ...extra,
  };
}
const text = (name: string, n?: number) => field(name, 'text', n ? `varchar(${n})` : 'text');
const lookup = (name: string, entity: string, onDelete: 'restrict' | 'set-null' = 'restrict') =>
  field(name, 'lookup', 'uuid', { lookup: { entity, onDelete } });

function entity(name: string, fields: CompiledField[], extra: Partial<CompiledEntity> = {}): CompiledEntity {
  return {
    name,
    table: snake(name),
    label: label(name),
    pluralLabel: label(name + 's'),
    displayField: fields[0]?.name ?? 'id',
    owner: true,
    fields,
    indexes: [],
    uniques: [],
    duplicateRules: [],
    document: { type: 'object', 'x-crm-entity': name, 'x-crm-label': label(name), properties: {} },
    ...extra,
  };
}
const model = (...entities: CompiledEntity[]): CompiledModel => ({
  entities: Object.fromEntries(entities.map((e) => [e.name, e])),
  views: [],
  triggers: [],
  security: EMPTY_SECURITY,
});

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}
/** Plan with frozen inputs (purity: the planner must not touch them) and check the no-drop rule. */
function plan(prev: CompiledModel | null, next: CompiledModel, migrations?: MigrationStep[]): Plan {
  const p = planPublish(deepFreeze(prev), deepFreeze(next), migrations);
  for (const sql of p.actions.flatMap((a) => a.sql)) {
    expect(sql).not.toMatch(/drop\s+(table|column|schema)|truncate|delete\s+from/i);
  }
  return p;
}
const kinds = (p: Plan) => p.actions.map((a) => `${a.kind} ${a.entity}${a.field ? '.' + a.field : ''}`);

const account = (...extra: CompiledField[]) => entity('account', [text('name', 200), ...extra]);

describe('planPublish', () => {
  test('given no published model, when account and contact are planned, then schema, tables, FKs and indexes are created in order', () => {
    const contact = entity('contact', [text('fullName', 100), lookup('account', 'account', 'set-null')], {
      indexes: [{ name: 'ix_contact_account_id', columns: ['account_id'] }],
      uniques: [{ name: 'uq_contact_full_name', columns: ['full_name'] }],
    });
    const p = plan(null, model(contact, account()));

    expect(p.refusals).toEqual([]);
    expect(kinds(p)).toEqual([
      'create-schema *',
      'create-table account',
      'create-table contact',
      'add-foreign-key contact.account',
      'create-index contact',
      'create-index contact',
    ]);
    const sql = p.actions.flatMap((a) => a.sql).join('\n');
    expect(sql).toContain('create table "crm"."contact" (');
    expect(sql).toContain('"id" uuid primary key default gen_random_uuid()');
    expect(sql).toContain('"account_id" uuid');
    expect(sql).toContain('create index "ix_contact_created_at_id" on "crm"."contact" ("created_at", "id")');
    expect(sql).toContain('create index "ix_contact_owner_id" on "crm"."contact" ("owner_id")');
    expect(sql).toContain(
      'add constraint "fk_contact_account_id" foreign key ("account_id") references "crm"."account" ("id") on delete set null',
    );
    expect(sql).toContain('create unique index "uq_contact_full_name" on "crm"."contact" ("full_name") where "deleted_at" is null');
    expect(p.model.entities.contact).toEqual(contact);
  });

  test('given account, when a field is added, then one add-column action with an English summary', () => {
    const p = plan(model(account()), model(account(text('taxId', 50))));
    expect(p.refusals).toEqual([]);
    expect(p.actions).toEqual([
      {
        kind: 'add-column',
        entity: 'account',
        field: 'taxId',
        sql: ['alter table "crm"."account" add column "tax_id" varchar(50)'],
        summary: 'add column crm.account.tax_id varchar(50)',
        code: 'publish-add-column',
        params: { column: 'crm.account.tax_id', type: 'varchar(50)' },
      },
    ]);
  });

  test('given unchanged models, when planned, then there are no actions', () => {
    const p = plan(model(account(text('taxId', 50))), model(account(text('taxId', 50))));
    expect(p.actions).toEqual([]);
    expect(p.refusals).toEqual([]);
  });

  test.each([
    ['varchar(50)', 'varchar(100)'],
    ['varchar(50)', 'text'],
    ['bigint', 'numeric'],
    ['bigint', 'numeric(19,0)'],
    ['integer', 'bigint'],
    ['numeric(5,2)', 'numeric(18,2)'],
    ['numeric(18,2)', 'numeric'],
    ['date', 'timestamptz'],
    ['varchar(64)', 'varchar(200)'],
  ])('given a %s column, when it becomes %s, then it is widened', (from, to) => {
    const p = plan(model(account(field('code', 'text', from))), model(account(field('code', 'text', to))));
    expect(p.refusals).toEqual([]);
    expect(p.actions).toEqual([
      expect.objectContaining({
        kind: 'alter-column-type',
        sql: [`alter table "crm"."account" alter column "code" type ${to} using "code"::${to}`],
        summary: `widen crm.account.code from ${from} to ${to}`,
      }),
    ]);
  });

  test.each([
    ['varchar(100)', 'varchar(50)'],
    ['text', 'varchar(200)'],
    ['text', 'bigint'],
    ['bigint', 'integer'],
    ['bigint', 'double precision'],
    ['bigint', 'numeric(10,2)'],
    ['numeric(18,2)', 'double precision'],
    ['numeric(18,2)', 'numeric(18,4)'],
    ['numeric', 'numeric(18,2)'],
    ['timestamptz', 'date'],
    ['boolean', 'text'],
  ])('given a %s column, when it becomes %s, then the change is refused naming entity, field and types', (from, to) => {
    const p = plan(model(account(field('code', 'text', from))), model(account(field('code', 'text', to))));
    expect(p.actions).toEqual([]);
    expect(p.refusals).toHaveLength(1);
    expect(p.refusals[0]).toMatchObject({ entity: 'account', field: 'code' });
    expect(p.refusals[0].message).toContain('account.code');
    expect(p.refusals[0].message).toContain(`${from} to ${to}`);
  });

  test('given lookups, when the target changes or a lookup becomes text or text a lookup, then each is refused', () => {
    const before = model(entity('a', [text('n')]), entity('b', [text('n')]), entity('c', [lookup('x', 'a'), lookup('y', 'a'), text('z', 36)]));
    const after = model(
      entity('a', [text('n')]),
      entity('b', [text('n')]),
      entity('c', [lookup('x', 'b'), field('y', 'text', 'text', { column: 'y_id' }), field('z', 'lookup', 'uuid', { column: 'z', lookup: { entity: 'a', onDelete: 'restrict' } })]),
    );
    const p = plan(before, after);
    expect(p.actions).toEqual([]);
    expect(p.refusals.map((r) => [r.field, r.message.replace(/;.*/, '')])).toEqual([
      ['x', 'c.x: changing the lookup target from a to b'],
      ['y', 'c.y: changing a lookup of a to text (text)'],
      ['z', 'c.z: changing text (varchar(36)) to a lookup of a'],
    ]);
  });

  test('given a lookup, when only on-delete changes, then the foreign key is replaced (no data touched)', () => {
    const p = plan(model(account(), entity('contact', [lookup('account', 'account')])), model(account(), entity('contact', [lookup('account', 'account', 'set-null')])));
    expect(kinds(p)).toEqual(['add-foreign-key contact.account']);
    expect(p.actions[0].sql).toEqual([
      'alter table "crm"."contact" drop constraint if exists "fk_contact_account_id"',
      'alter table "crm"."contact" add constraint "fk_contact_account_id" foreign key ("account_id") references "crm"."account" ("id") on delete set null',
    ]);
  });

  test('given account.taxId, when the next model omits it, then the field stays hidden with its column and no DDL', () => {
    const tax = text('taxId', 50);
    const p = plan(model(account(tax)), model(account()));
    expect(p.actions).toEqual([
      {
        kind: 'hide-field',
        entity: 'account',
        field: 'taxId',
        sql: [],
        summary: 'hide field account.taxId (column crm.account.tax_id and its data kept)',
        code: 'publish-hide-field',
        params: { entity: 'account', field: 'taxId', column: 'crm.account.tax_id' },
      },
    ]);
    expect(p.model.entities.account.fields).toEqual([text('name', 200), { ...tax, hidden: true }]);

    const again = plan(p.model, model(account()));
    expect(again.actions).toEqual([]);
    expect(again.model).toEqual(p.model);
  });

  test('given account and lead, when the next model omits lead, then lead stays hidden with its table and no DDL', () => {
    const lead = entity('lead', [text('title', 100)]);
    const p = plan(model(account(), lead), model(account()));
    expect(p.actions).toEqual([{ kind: 'hide-entity', entity: 'lead', sql: [], summary: 'hide entity lead (table crm.lead and its data kept)', code: 'publish-hide-entity', params: { entity: 'lead', table: 'lead' } }]);
    expect(p.model.entities.lead).toEqual({ ...lead, hidden: true });
    expect(p.model.entities.account.hidden).toBeUndefined();
  });

  test('given a hidden field and a hidden entity, when both are declared again, then they are shown with no new column or table', () => {
    const lead = entity('lead', [text('title', 100)]);
    const hidden = plan(plan(model(account(text('taxId', 50)), lead), model(account())).model, model(account()));
    const p = plan(hidden.model, model(account(text('taxId', 80)), lead));
    expect(p.refusals).toEqual([]);
    expect(kinds(p)).toEqual(['unhide-entity lead', 'unhide-field account.taxId', 'alter-column-type account.taxId']);
    expect(p.model.entities.account.fields.map((f) => [f.name, f.hidden])).toEqual([
      ['name', undefined],
      ['taxId', undefined],
    ]);
    expect(p.model.entities.lead.hidden).toBeUndefined();
  });

  test('given a hidden varchar field, when re-declared as integer, then it is refused like any unsafe change', () => {
    const hidden = plan(model(account(text('taxId', 50))), model(account())).model;
    const p = plan(hidden, model(account(field('taxId', 'integer', 'bigint'))));
    expect(p.refusals).toEqual([expect.objectContaining({ entity: 'account', field: 'taxId' })]);
    expect(p.refusals[0].message).toContain('varchar(50) to bigint');
  });

  test('given an unsafe change, when a cast migration names it, then the column is converted with USING', () => {
    const p = plan(model(account(text('score', 20))), model(account(field('score', 'integer', 'bigint'))), [
      { entity: 'account', field: 'score', using: 'cast' },
    ]);
    expect(p.refusals).toEqual([]);
    expect(p.actions).toEqual([
      expect.objectContaining({
        kind: 'migrate-column',
        sql: ['alter table "crm"."account" alter column "score" type bigint using "score"::bigint'],
        summary: expect.stringContaining('convert crm.account.score from varchar(20) to bigint (cast'),
      }),
    ]);
  });

  test('given an unsafe change, when a clear migration names it, then the column is emptied and changed', () => {
    const p = plan(model(account(text('score', 20))), model(account(field('score', 'integer', 'bigint'))), [
      { entity: 'account', field: 'score', using: 'clear' },
    ]);
    expect(p.actions.map((a) => a.sql)).toEqual([['alter table "crm"."account" alter column "score" type bigint using null::bigint']]);
  });

  test('given a lookup target change, when a clear migration names it, then the FK is replaced after the column is emptied', () => {
    const base = [entity('a', [text('n')]), entity('b', [text('n')])];
    const p = plan(model(...base, entity('c', [lookup('x', 'a')])), model(...base, entity('c', [lookup('x', 'b')])), [
      { entity: 'c', field: 'x', using: 'clear' },
    ]);
    expect(p.refusals).toEqual([]);
    expect(p.actions.map((a) => [a.kind, a.sql])).toEqual([
      [
        'migrate-column',
        ['alter table "crm"."c" drop constraint if exists "fk_c_x_id"', 'update "crm"."c" set "x_id" = null where "x_id" is not null'],
      ],
      [
        'add-foreign-key',
        ['alter table "crm"."c" add constraint "fk_c_x_id" foreign key ("x_id") references "crm"."b" ("id") on delete restrict'],
      ],
    ]);
  });

  test('given a migration that matches no type change, when planned, then it is refused (no silent typo)', () => {
    const p = plan(model(account()), model(account()), [{ entity: 'account', field: 'nmae', using: 'cast' }]);
    expect(p.refusals).toEqual([expect.objectContaining({ entity: 'account', field: 'nmae' })]);
  });

  test('given declared indexes, when one is removed and a unique added, then only the platform index is dropped', () => {
    const before = account(text('code', 20));
    before.indexes = [{ name: 'ix_account_code', columns: ['code'] }];
    const after = account(text('code', 20));
    after.uniques = [{ name: 'uq_account_code', columns: ['code'] }];
    const p = plan(model(before), model(after));
    expect(p.actions.map((a) => [a.kind, a.sql])).toEqual([
      ['drop-index', ['drop index if exists "crm"."ix_account_code"']],
      ['create-index', ['create unique index "uq_account_code" on "crm"."account" ("code") where "deleted_at" is null']],
    ]);
  });

  test('given unsafe names or types, when planned, then they are refused instead of reaching SQL', () => {
    const bad = entity('account', [field('name', 'text', 'varchar(10); drop table x'), field('version', 'integer', 'bigint', { column: 'version' })]);
    const p = plan(null, model(bad, entity('contact', [lookup('parent', 'ghost')])));
    expect(p.refusals.map((r) => r.message)).toEqual([
      'unsupported SQL type "varchar(10); drop table x"',
      'column version is a system column',
      'lookup target ghost is not a published entity',
    ]);
    expect(p.actions.filter((a) => a.kind !== 'create-schema')).toEqual([]);
  });

  test('given the same models with entities in another key order, when planned, then the plan is identical', () => {
    const a = entity('account', [text('name', 200)]);
    const c = entity('contact', [lookup('account', 'account')]);
    const one = planPublish(null, model(a, c));
    const two = planPublish(null, model(c, a));
    expect(two.actions).toEqual(one.actions);
  });

  test('given full-text search declared, changed and removed, then its trigger is set, replaced and dropped — never a column', () => {
    const searchable = (columns: { column: string; weight: 'A' | 'B' | 'C' | 'D' }[]) =>
      entity('knowledgeArticle', [text('title', 200), text('body')], columns.length ? { fulltext: { columns } } : {});
    const created = plan(null, model(searchable([{ column: 'title', weight: 'A' }])));
    expect(kinds(created)).toEqual(['create-schema *', 'create-table knowledgeArticle', 'set-fulltext knowledgeArticle']);
    expect(created.actions[2].sql).toEqual([
      'alter table "crm"."knowledge_article" add column if not exists "_fulltext" tsvector',
      'create index if not exists "fx_knowledge_article_fulltext" on "crm"."knowledge_article" using gin ("_fulltext")',
      `create or replace trigger "fx_knowledge_article_fulltext" before insert or update of "title" on "crm"."knowledge_article" for each row execute function crm.fts_refresh('title', 'A')`,
      'update "crm"."knowledge_article" set "title" = "title"',
    ]);
    const one = searchable([{ column: 'title', weight: 'A' }]);
    expect(plan(model(one), model(searchable([{ column: 'title', weight: 'A' }]))).actions).toEqual([]);
    const both = plan(model(one), model(searchable([{ column: 'title', weight: 'A' }, { column: 'body', weight: 'D' }])));
    expect(kinds(both)).toEqual(['set-fulltext knowledgeArticle']);
    expect(both.actions[0].sql[2]).toContain(`update of "title", "body"`);
    const off = plan(model(one), model(searchable([])));
    expect(off.actions.map((a) => [a.kind, a.sql])).toEqual([
      ['unset-fulltext', ['drop trigger if exists "fx_knowledge_article_fulltext" on "crm"."knowledge_article"', 'update "crm"."knowledge_article" set "_fulltext" = null']],
    ]);
    const bad = plan(null, model(searchable([{ column: "title'); drop table x; --", weight: 'A' }])));
    expect(bad.refusals.map((r) => r.message)).toEqual([`full-text search names unknown columns or weights: title'); drop table x; -- A`]);
  });

  test('every action and refusal says what it says as a code and params: its English text is the code\'s, and it reads in Chinese', () => {
    const coded = (items: (Coded & { text: string })[]) => {
      for (const item of items) {
        expect(item.text).toBe(issueMessage({ code: item.code!, params: item.params }));
        const zh = issueMessage({ code: item.code!, params: item.params }, 'zh-CN');
        expect(zh).toMatch(/[\u4e00-\u9fff]/);
        expect(zh).not.toMatch(/\{\w+\}|\[object/);
      }
    };
    const before = account(text('code', 100), field('score', 'number', 'numeric(18,2)'), text('gone', 10), lookup('parent', 'account'), field('total', 'number', 'numeric'));
    before.indexes = [{ name: 'ix_account_code', columns: ['code'] }];
    const after = account(
      text('code', 50),
      field('score', 'number', 'double precision'),
      lookup('parent', 'account', 'set-null'),
      field('total', 'number', 'numeric', { computed: 'score * 2' }),
      field('doubled', 'number', 'numeric', { computed: 'score * 2' }),
      text('added', 20),
    );
    after.uniques = [{ name: 'uq_account_added', columns: ['added'] }];
    after.indexes = [{ name: 'ix_account_score', columns: ['score'] }];
    after.fulltext = { columns: [{ column: 'code', weight: 'A' }] };
    const lead = entity('lead', [text('title', 100), lookup('ghost', 'nowhere')]);
    const p = plan(model(before, entity('old', [text('n')])), model(after, lead, entity('dup', [text('n')], { table: 'account' })), [{ entity: 'account', field: 'nope', using: 'cast' }]);
    coded(p.actions.map((a) => ({ ...a, text: a.summary })));
    coded(p.refusals.map((r) => ({ ...r, text: r.message })));
    expect(p.refusals.map((r) => r.code).sort()).toEqual(['publish-computed-from-written', 'publish-computed-input-type', 'publish-lookup-unpublished', 'publish-migration-unused', 'publish-needs-migration', 'publish-table-taken']);
    const fresh = plan(null, model(after));
    coded(fresh.actions.map((a) => ({ ...a, text: a.summary })));
    const migrated = plan(model(before), model(account(text('code', 50))), [{ entity: 'account', field: 'code', using: 'cast' }]);
    coded(migrated.actions.map((a) => ({ ...a, text: a.summary })));
    expect(new Set([...p.actions, ...fresh.actions, ...migrated.actions].map((a) => a.code))).toEqual(
      new Set(['publish-create-schema', 'publish-create-table', 'publish-add-column', 'publish-add-computed-column', 'publish-replace-foreign-key', 'publish-add-foreign-key', 'publish-create-index', 'publish-create-unique-index', 'publish-drop-index', 'publish-set-fulltext', 'publish-hide-field', 'publish-hide-entity', 'publish-cast-column']),
    );
    const narrowed = p.refusals.find((r) => r.field === 'code')!;
    expect(issueMessage({ code: narrowed.code!, params: narrowed.params }, 'zh-CN')).toBe(
      'account.code：把 varchar(100) 改为 varchar(50) 可能丢失数据：较长的值会被截断；如需继续，请添加迁移 { entity: "account", field: "code", using: "cast" | "clear" }（cast 逐个转换现有的值，clear 清空现有的值）',
    );
  });
});
