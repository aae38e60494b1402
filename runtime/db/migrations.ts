/**
 * Schema migrations for the platform's own tables (schemas meta, sec, audit; `crm` holds the
 * entity tables, created by metadata publishing, and the full-text functions they use). Each migration runs once, in order; all pending
 * ones run in one transaction, serialised across processes by an advisory lock. Append new ones; never edit one
 * that has shipped.
 */
import type { Db } from './db.js';
import { FULLTEXT_FUNCTIONS_SQL } from './fulltext.js';

interface Migration {
  id: string;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  {
    id: '0001-schemas',
    sql: `
      create schema if not exists meta;
      create schema if not exists crm;
      create schema if not exists sec;
      create schema if not exists audit;
      create table meta.metadata_version (
        version integer primary key,
        checksum text not null,
        documents jsonb not null,
        model jsonb not null,
        actions jsonb not null,
        published_at timestamptz not null default now(),
        published_by uuid
      );`,
  },
  {
    id: '0002-identity',
    sql: `
      create table sec.user (
        id uuid primary key default gen_random_uuid(),
        username text not null unique,
        display_name text not null,
        password_hash text not null,
        is_admin boolean not null default false,
        is_service boolean not null default false,
        locale text not null default 'zh-CN',
        active boolean not null default true,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create table sec.session (
        id text primary key,                 -- sha256 of the cookie token; the token itself is never stored
        user_id uuid not null references sec.user(id) on delete cascade,
        created_at timestamptz not null default now(),
        expires_at timestamptz not null
      );
      create index ix_session_user on sec.session(user_id);
      create table sec.api_token (
        id uuid primary key default gen_random_uuid(),
        name text not null,
        token_hash text not null unique,     -- sha256 of the bearer token
        user_id uuid not null references sec.user(id) on delete cascade,
        created_at timestamptz not null default now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      );`,
  },
  {
    id: '0003-audit',
    sql: `
      create table audit.change (
        id bigserial primary key,
        at timestamptz not null default now(),
        tx_id bigint not null default txid_current(),
        actor_id uuid,
        entity text not null,
        record_id uuid not null,
        action text not null check (action in ('create','update','delete','restore')),
        field text,
        before jsonb,
        after jsonb
      );
      create index ix_change_record on audit.change(entity, record_id, id);
      create index ix_change_at on audit.change using brin (at); -- append-only, time-ordered: BRIN is tiny and cheap to maintain
      -- Append-only: nobody updates or deletes audit rows, whatever the API does.
      create function audit.forbid_change() returns trigger language plpgsql as $$
      begin
        raise exception 'audit.change is append-only' using errcode = 'insufficient_privilege';
      end $$;
      create trigger change_append_only before update or delete or truncate on audit.change
        for each statement execute function audit.forbid_change();`,
  },
  {
    // The organisation (docs/security.md): departments, users' places, teams, territories, explicit
    // groups, manual shares. Role keys come from metadata (roles/*.json), so sec.user.role is text.
    id: '0004-organisation',
    sql: `
      create table sec.department (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        parent_id uuid references sec.department(id) on delete restrict,
        manager_id uuid references sec.user(id) on delete set null,
        created_at timestamptz not null default now()
      );
      create index ix_department_parent on sec.department(parent_id);
      alter table sec.user
        add column department_id uuid references sec.department(id) on delete set null,
        add column manager_id uuid references sec.user(id) on delete set null,
        add column role text;
      create index ix_user_department on sec.user(department_id);
      create index ix_user_role on sec.user(role);
      create index ix_user_manager on sec.user(manager_id);
      create table sec.team (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        created_at timestamptz not null default now()
      );
      create table sec.team_member (
        team_id uuid not null references sec.team(id) on delete cascade,
        user_id uuid not null references sec.user(id) on delete cascade,
        primary key (team_id, user_id)
      );
      create index ix_team_member_user on sec.team_member(user_id);
      create table sec.territory (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        parent_id uuid references sec.territory(id) on delete restrict,
        regions text[] not null default '{}',
        industries text[] not null default '{}',
        created_at timestamptz not null default now()
      );
      create table sec.territory_member (
        territory_id uuid not null references sec.territory(id) on delete cascade,
        user_id uuid not null references sec.user(id) on delete cascade,
        is_manager boolean not null default false,
        primary key (territory_id, user_id)
      );
      create index ix_territory_member_user on sec.territory_member(user_id);
      create table sec.group (
        id uuid primary key default gen_random_uuid(),
        key text not null unique,
        name text not null,
        created_at timestamptz not null default now()
      );
      create table sec.group_member (
        group_id uuid not null references sec.group(id) on delete cascade,
        user_id uuid not null references sec.user(id) on delete cascade,
        primary key (group_id, user_id)
      );
      create index ix_group_member_user on sec.group_member(user_id);
      create table sec.share (
        id uuid primary key default gen_random_uuid(),
        entity text not null,
        record_id uuid not null,
        grantee_kind text not null check (grantee_kind in ('user','department','role','roleAndSubordinates','team','territory','group')),
        grantee_key text not null,
        access text not null check (access in ('read','edit')),
        created_by uuid references sec.user(id) on delete set null,
        created_at timestamptz not null default now(),
        unique (entity, record_id, grantee_kind, grantee_key)
      );
      -- The access predicate asks "which records of entity E are shared with any of my grantees".
      create index ix_share_grantee on sec.share(entity, grantee_kind, grantee_key, record_id);`,
  },
  {
    // Security events other than record changes (audit.change): logins, org and sharing changes,
    // publishes, transfers. Append-only like audit.change.
    id: '0005-audit-events',
    sql: `
      create table audit.event (
        id bigserial primary key,
        at timestamptz not null default now(),
        tx_id bigint not null default txid_current(),
        actor_id uuid,
        kind text not null,
        target text,
        detail jsonb not null default '{}',
        address text
      );
      create index ix_event_at on audit.event using brin (at);
      create index ix_event_kind on audit.event(kind, id);
      create index ix_event_actor on audit.event(actor_id, id);
      create trigger event_append_only before update or delete or truncate on audit.event
        for each statement execute function audit.forbid_change();`,
  },
  {
    // Chinese and English full-text search for entities with x-crm-fulltext (./fulltext.ts).
    id: '0006-fulltext',
    sql: FULLTEXT_FUNCTIONS_SQL,
  },
  {
    // Notifications (docs/notifications.md): one rendered message per user, in-app and mailed. A
    // request is remembered by its key, so a sender's retry answers the same messages. Users get
    // an e-mail address to be mailed at.
    id: '0007-notifications',
    sql: `
      alter table sec.user add column email text;
      create schema if not exists notify;
      create table notify.request (
        key text primary key,                -- the sender's idempotency key, e.g. an external task id
        template text not null,
        sender_id uuid references sec.user(id) on delete set null,
        created_at timestamptz not null default now()
      );
      create table notify.notification (
        id uuid primary key default gen_random_uuid(),
        key text not null references notify.request(key) on delete cascade,
        user_id uuid not null references sec.user(id) on delete cascade,
        template text not null,
        subject text not null,
        body text not null,
        record_entity text,
        record_id uuid,
        created_at timestamptz not null default now(),
        read_at timestamptz,
        mailed_at timestamptz,
        unique (key, user_id)
      );
      create index ix_notification_user on notify.notification(user_id, created_at desc, id desc);
      create index ix_notification_unread on notify.notification(user_id) where read_at is null;`,
  },
  {
    // Attachment bytes (docs/attachments.md); the attachment records themselves are entity
    // \`attachment\` in crm, created by publishing, so no foreign key can point there from here.
    id: '0008-attachment-content',
    sql: `
      create schema if not exists files;
      create table files.content (
        attachment_id uuid primary key,
        bytes bytea not null
      );`,
  },
  {
    // Tell every runtime node when what a remembered engine API credential depends on changes
    // (runtime/engine-api/auth.ts): password, admin or service flag, active, or the user is gone.
    id: '0009-credential-notify',
    sql: `
      create function sec.notify_credentials() returns trigger language plpgsql as $$
      begin
        perform pg_notify('crm_credentials', old.id::text);
        return null;
      end $$;
      create trigger credentials_changed after update of password_hash, is_admin, is_service, active or delete on sec.user
        for each row execute function sec.notify_credentials();`,
  },
  {
    // Saved views (runtime/views): a person's own list set-ups — filter, sort, columns, table or
    // kanban — per entity, named uniquely per user and entity regardless of case.
    id: '0010-saved-views',
    sql: `
      create schema if not exists workspace;
      create table workspace.saved_view (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references sec.user(id) on delete cascade,
        entity text not null,
        name text not null,
        definition jsonb not null,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );
      create unique index ux_saved_view_name on workspace.saved_view(user_id, entity, lower(name));`,
  },
  {
    // Saved inbox filters (docs/processes.md, "Tasks and forms"): a user's named list queries.
    id: '0011-task-filters',
    sql: `
      create schema if not exists workspace;
      create table workspace.task_filter (
        id uuid primary key default gen_random_uuid(),
        user_id uuid not null references sec.user(id) on delete cascade,
        name text not null,
        query jsonb not null,                -- the list query (list, filters, sort), as GET /api/tasks takes it
        created_at timestamptz not null default now(),
        unique (user_id, name)
      );`,
  },
  {
    // The studio's entity designer (docs/studio.md): one shared draft of the whole metadata package,
    // based on a published version, written with optimistic concurrency (revision). `json`, not
    // jsonb, keeps each document's key order, so an exported file equals its metadata/ original;
    // versions keep their documents that way too (documents_text; null for versions before this).
    id: '0012-studio-draft',
    sql: `
      create table meta.studio_draft (
        id text primary key default 'studio' check (id = 'studio'),
        base_version integer not null,
        revision integer not null,
        documents json not null,
        updated_at timestamptz not null default now(),
        updated_by uuid references sec.user(id) on delete set null
      );
      alter table meta.metadata_version add column documents_text json;`,
  },
  {
    // Triggers that fire when their condition becomes true (runtime/triggers, `"fires":
    // "on-becoming-true"`): whether the condition held for a record at its last write. A row
    // turned true in a write's transaction is what fires; its row lock makes two concurrent
    // writes of the record fire once.
    id: '0013-trigger-state',
    sql: `
      create table meta.trigger_state (
        trigger text not null,
        record_id uuid not null,
        holds boolean not null,
        primary key (trigger, record_id)
      );`,
  },
  {
    // A deleted record's states go by record id (runtime/triggers forgetState): an index of its own,
    // not a scan, on every PostgreSQL the product supports (14+; only 18 skip-scans the primary key).
    id: '0014-trigger-state-record',
    sql: `create index ix_trigger_state_record on meta.trigger_state(record_id);`,
  },
];

const LOCK_KEY = 727_001; // advisory lock: one migrator at a time

export async function migrate(db: Db): Promise<string[]> {
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await q.query('create schema if not exists meta');
    await q.query('create table if not exists meta.migration (id text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await q.query<{ id: string }>('select id from meta.migration')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await q.query(m.sql);
      await q.query('insert into meta.migration (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
