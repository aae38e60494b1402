/**
 * Schema migrations for the platform's own tables (schemas meta, sec, audit; `crm` holds only
 * entity tables, created by metadata publishing). Each migration runs once, in order; all pending
 * ones run in one transaction, serialised across processes by an advisory lock. Append new ones; never edit one
 * that has shipped.
 */
import type { Db } from './db.js';

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
