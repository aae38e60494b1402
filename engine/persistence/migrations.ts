/**
 * Schema `engine`: the embedded engine's own tables, migrated by the engine itself (it knows
 * nothing of the runtime's migrations). Each migration runs once, in order; all pending ones run in
 * one transaction, serialised across processes by an advisory lock. Append new ones; never edit one
 * that has shipped.
 *
 * Naming: singular table names (`engine.deployment`, later `engine.process_instance`,
 * `engine.execution`, `engine.task`, `engine.job`, …); text primary keys (Camunda ids are strings;
 * we use UUIDs, and `<key>:<version>:<uuid>` for definitions as Camunda does); foreign keys named
 * `<table>_id`; timestamps `timestamptz` named `*_time` as in Camunda's columns.
 */
import type { EngineDb } from '../db.js';

interface Migration {
  id: string;
  sql: string;
}

const MIGRATIONS: Migration[] = [
  {
    id: '0001-repository',
    sql: `
      create table engine.deployment (
        id text primary key,
        name text,
        source text,
        tenant_id text,
        deployment_time timestamptz not null default now()
      );
      -- duplicate filtering looks up the latest deployment of a name
      create index ix_deployment_name on engine.deployment(name, deployment_time desc);

      create table engine.resource (
        id text primary key,
        deployment_id text not null references engine.deployment(id) on delete cascade,
        name text not null,
        bytes bytea not null,
        checksum text not null,               -- sha256 (hex) of bytes
        unique (deployment_id, name)
      );
      create index ix_resource_name on engine.resource(name);

      create table engine.process_definition (
        id text primary key,                  -- <key>:<version>:<uuid>, or the uuid alone when longer than 64
        key text not null,
        version integer not null check (version > 0),
        name text,
        category text,                        -- the BPMN definitions' targetNamespace
        description text,                     -- the process's documentation
        version_tag text,
        history_ttl integer,                  -- days
        deployment_id text not null references engine.deployment(id) on delete cascade,
        resource_name text not null,
        tenant_id text,
        graph jsonb not null,                 -- the compiled definition graph (engine/model/graph.ts)
        suspended boolean not null default false,
        startable boolean not null default true,
        unique (key, version)
      );
      create index ix_process_definition_deployment on engine.process_definition(deployment_id);`,
  },
];

const LOCK_KEY = 727_101; // advisory lock: one engine migrator at a time (the runtime's is 727_001)

/** Bring schema `engine` up to date. Idempotent; safe to call from several processes at once. */
export async function migrateEngine(db: EngineDb): Promise<string[]> {
  return db.tx(async (q) => {
    await q.query('select pg_advisory_xact_lock($1)', [LOCK_KEY]);
    await q.query('create schema if not exists engine');
    await q.query('create table if not exists engine.migration (id text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await q.query<{ id: string }>('select id from engine.migration')).map((r) => r.id));
    const applied: string[] = [];
    for (const m of MIGRATIONS) {
      if (done.has(m.id)) continue;
      await q.query(m.sql);
      await q.query('insert into engine.migration (id) values ($1)', [m.id]);
      applied.push(m.id);
    }
    return applied;
  });
}
