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
  {
    // Execution: running instances (the core's state as jsonb, optimistic revision), what they wait
    // for (tasks, external tasks, jobs, message subscriptions), incidents, and history. Runtime rows
    // go with their instance (cascade); nothing references process_definition with cascade (see
    // dependents.ts). Ownership: `owner_activity_instance_id` is the activity instance whose end
    // deletes the row (core/effects.ts).
    id: '0002-execution',
    sql: `
      create table engine.process_instance (
        id text primary key,
        process_definition_id text not null references engine.process_definition(id),
        process_definition_key text not null,
        business_key text,
        state jsonb not null,                 -- core InstanceState: executions + variables
        revision integer not null default 1,  -- optimistic locking
        suspended boolean not null default false,
        super_process_instance_id text references engine.process_instance(id) on delete cascade,
        super_execution_id text,
        owner_activity_instance_id text,      -- the call activity instance that started it
        root_process_instance_id text not null,
        tenant_id text,
        start_time timestamptz not null default now()
      );
      create index ix_process_instance_definition on engine.process_instance(process_definition_id);
      create index ix_process_instance_business_key on engine.process_instance(business_key);
      create index ix_process_instance_super on engine.process_instance(super_process_instance_id);

      create table engine.task (
        id text primary key,
        process_instance_id text not null references engine.process_instance(id) on delete cascade,
        execution_id text not null,
        activity_instance_id text not null,
        process_definition_id text not null,
        process_definition_key text not null,
        task_definition_key text not null,
        name text,
        description text,
        assignee text,
        owner text,
        delegation_state text,                -- PENDING | RESOLVED
        priority integer not null default 50,
        due_date timestamptz,
        follow_up_date timestamptz,
        form_key text,
        candidate_users text[] not null default '{}',
        candidate_groups text[] not null default '{}',
        suspended boolean not null default false,
        tenant_id text,
        create_time timestamptz not null default now(),
        seq bigserial
      );
      create index ix_task_instance on engine.task(process_instance_id);
      create index ix_task_assignee on engine.task(assignee);
      create index ix_task_candidate_groups on engine.task using gin(candidate_groups);
      create index ix_task_candidate_users on engine.task using gin(candidate_users);
      create index ix_task_owner_activity on engine.task(activity_instance_id);

      create table engine.external_task (
        id text primary key,
        process_instance_id text not null references engine.process_instance(id) on delete cascade,
        execution_id text not null,
        activity_id text not null,
        activity_instance_id text not null,
        process_definition_id text not null,
        process_definition_key text not null,
        topic_name text not null,
        worker_id text,
        lock_expiration_time timestamptz,
        retries integer,                      -- null until a failure sets them, as in Camunda
        error_message text,
        error_details text,
        priority bigint not null default 0,
        suspended boolean not null default false,
        business_key text,
        tenant_id text,
        create_time timestamptz not null default now(),
        seq bigserial
      );
      create index ix_external_task_fetch on engine.external_task(topic_name, priority desc, seq);
      create index ix_external_task_instance on engine.external_task(process_instance_id);
      create index ix_external_task_owner on engine.external_task(activity_instance_id);

      create table engine.job (
        id text primary key,
        type text not null,                   -- timer | async | timer-start
        process_instance_id text references engine.process_instance(id) on delete cascade,
        process_definition_id text not null,
        process_definition_key text not null,
        execution_id text,
        owner_activity_instance_id text,
        node_id text not null,                -- the catching node (timer) or the activity (async)
        activity_id text not null,            -- what Camunda's job shows as activityId
        due_date timestamptz,
        repeat text,                          -- cycle timers: the remaining ISO 8601 R/… cycle
        retries integer not null default 3,
        exception_message text,
        exception_stacktrace text,
        lock_owner text,
        lock_expiration_time timestamptz,
        suspended boolean not null default false,
        priority bigint not null default 0,
        exclusive boolean not null default true,
        create_time timestamptz not null default now(),
        seq bigserial
      );
      create index ix_job_due on engine.job(due_date) where retries > 0 and not suspended;
      create index ix_job_instance on engine.job(process_instance_id);
      create index ix_job_owner on engine.job(owner_activity_instance_id);
      create index ix_job_definition on engine.job(process_definition_id);

      create table engine.event_subscription (
        id text primary key,
        event_type text not null,             -- message
        event_name text not null,
        process_instance_id text not null references engine.process_instance(id) on delete cascade,
        execution_id text,                    -- null: the process scope (event subprocess start)
        owner_activity_instance_id text not null,
        node_id text not null,
        create_time timestamptz not null default now(),
        seq bigserial
      );
      create index ix_event_subscription_name on engine.event_subscription(event_type, event_name);
      create index ix_event_subscription_instance on engine.event_subscription(process_instance_id);

      create table engine.incident (
        id text primary key,
        incident_type text not null,          -- failedExternalTask | failedJob
        incident_timestamp timestamptz not null default now(),
        incident_message text,
        process_instance_id text not null references engine.process_instance(id) on delete cascade,
        process_definition_id text not null,
        execution_id text,
        activity_id text,
        configuration text,                   -- the external task's or job's id
        annotation text
      );
      create index ix_incident_instance on engine.incident(process_instance_id);
      create index ix_incident_configuration on engine.incident(configuration);

      -- History: kept after the runtime rows are gone; removed with a cascading deployment delete.
      create table engine.hi_process_instance (
        id text primary key,
        business_key text,
        process_definition_id text not null,
        process_definition_key text not null,
        process_definition_name text,
        process_definition_version integer not null,
        start_time timestamptz not null,
        end_time timestamptz,
        start_activity_id text,
        end_activity_id text,
        delete_reason text,
        super_process_instance_id text,
        root_process_instance_id text not null,
        state text not null,                  -- ACTIVE | SUSPENDED | COMPLETED | EXTERNALLY_TERMINATED | INTERNALLY_TERMINATED
        tenant_id text
      );
      create index ix_hi_process_instance_definition on engine.hi_process_instance(process_definition_id);
      create index ix_hi_process_instance_business_key on engine.hi_process_instance(business_key);

      create table engine.hi_activity_instance (
        id text primary key,
        parent_activity_instance_id text,
        activity_id text not null,
        activity_name text,
        activity_type text not null,
        process_definition_id text not null,
        process_definition_key text not null,
        process_instance_id text not null,
        root_process_instance_id text not null,
        execution_id text,
        task_id text,
        called_process_instance_id text,
        assignee text,
        start_time timestamptz not null,
        end_time timestamptz,
        canceled boolean not null default false,
        complete_scope boolean not null default false,
        tenant_id text,
        seq bigserial                          -- Camunda's sequence counter: sortBy=occurrence
      );
      create index ix_hi_activity_instance_instance on engine.hi_activity_instance(process_instance_id, seq);
      create index ix_hi_activity_instance_definition on engine.hi_activity_instance(process_definition_id);

      create table engine.hi_task (
        id text primary key,
        process_definition_id text not null,
        process_definition_key text not null,
        process_instance_id text not null,
        root_process_instance_id text not null,
        execution_id text,
        activity_instance_id text,
        task_definition_key text not null,
        name text,
        description text,
        owner text,
        assignee text,
        priority integer not null,
        due_date timestamptz,
        follow_up_date timestamptz,
        start_time timestamptz not null,
        end_time timestamptz,
        delete_reason text,                   -- completed | deleted
        tenant_id text,
        seq bigserial
      );
      create index ix_hi_task_instance on engine.hi_task(process_instance_id);
      create index ix_hi_task_definition on engine.hi_task(process_definition_id);

      create table engine.hi_variable (
        id text primary key,
        name text not null,
        type text not null,
        value jsonb,                          -- the TypedValue's value (valueInfo alongside)
        value_info jsonb,
        process_definition_id text not null,
        process_definition_key text not null,
        process_instance_id text not null,
        root_process_instance_id text not null,
        scope_id text not null,               -- the process instance id or the local scope's execution id
        execution_id text,
        activity_instance_id text,
        task_id text,
        state text not null default 'CREATED', -- CREATED | DELETED
        revision integer not null default 0,
        create_time timestamptz not null default now(),
        tenant_id text
      );
      create index ix_hi_variable_instance on engine.hi_variable(process_instance_id, scope_id, name);
      create index ix_hi_variable_definition on engine.hi_variable(process_definition_id);

      create table engine.hi_detail (
        id text primary key,
        type text not null default 'variableUpdate',
        variable_instance_id text not null,
        name text not null,
        variable_type text not null,
        value jsonb,
        value_info jsonb,
        revision integer not null,
        initial boolean not null default false,
        process_definition_id text not null,
        process_definition_key text not null,
        process_instance_id text not null,
        root_process_instance_id text not null,
        execution_id text,
        activity_instance_id text,
        task_id text,
        time timestamptz not null default now(),
        tenant_id text,
        seq bigserial
      );
      create index ix_hi_detail_instance on engine.hi_detail(process_instance_id, seq);
      create index ix_hi_detail_variable on engine.hi_detail(variable_instance_id);
      create index ix_hi_detail_definition on engine.hi_detail(process_definition_id);`,
  },
  {
    // The job executor: where a job failed, a due date moved without cascading to later cycles,
    // and failed timer-start jobs, whose incidents belong to no process instance (as in Camunda).
    id: '0003-job-executor',
    sql: `
      alter table engine.job add column failed_activity_id text;
      alter table engine.job add column repeat_offset bigint not null default 0; -- ms a due date was moved without cascade
      alter table engine.incident alter column process_instance_id drop not null;`,
  },
  {
    // Task REST API: when a task was last changed (Camunda 7.21+'s lastUpdated; taskState follows it).
    id: '0003-task',
    sql: `alter table engine.task add column last_updated timestamptz;`,
  },
  {
    // The remote EngineClient's transactional outbox (engine/client/outbox.ts): engine commands
    // written with the record change that caused them, delivered after commit, once.
    id: '0004-command-outbox',
    sql: `
      create table engine.command_outbox (
        seq bigserial primary key,
        id text not null unique,              -- the command id, sent to the engine as crmCommandId
        business_key text not null,
        command jsonb not null,
        created_time timestamptz not null default now(),
        attempts integer not null default 0,
        next_attempt_time timestamptz not null default now(),
        uncertain boolean not null default false, -- an attempt may have reached the engine: ask before resending
        delivered_time timestamptz,
        failed_time timestamptz,
        last_error text,
        result jsonb
      );
      create index ix_outbox_pending on engine.command_outbox (seq) where delivered_time is null and failed_time is null;
      create index ix_outbox_pending_key on engine.command_outbox (business_key, seq) where delivered_time is null and failed_time is null;`,
  },
  {
    // Inbox lists: tasks I delegated (owner), and the due-date order and overdue filter.
    id: '0005-task-inbox-indexes',
    sql: `
      create index ix_task_owner on engine.task(owner) where owner is not null;
      create index ix_task_due on engine.task(due_date, id);`,
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
