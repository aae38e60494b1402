/**
 * The transactional outbox of the remote EngineClient. A command is a row written in the caller's
 * transaction (so it exists exactly when the record write committed); deliverers — any number, in
 * any number of processes — send rows to the engine after commit:
 *
 *  - one row at a time per row lock (`FOR UPDATE SKIP LOCKED`), and per business key in order: a
 *    row waits while an earlier one of its business key is pending, so a message never overtakes
 *    the start it belongs to;
 *  - an attempt that may have reached the engine (refused/reset/timed out, or a 5xx) marks the row
 *    `uncertain`; before sending it again the deliverer asks the engine whether the command's id is
 *    already on an instance (`COMMAND_ID_VARIABLE`) — so a command is applied once, however often
 *    the engine or this process dies in between (an idempotent command, a task assignment, is just
 *    sent again);
 *  - an engine that is down is retried forever with capped backoff; a command the engine refuses
 *    (4xx) is retried a few times (e.g. a definition not deployed yet), then parked as failed with
 *    the engine's message, for an operator to see.
 */
import type { EngineDb, EngineQueryable } from '../db.js';
import type { ErrorLog } from '../rest/errors.js';
import { EngineHttpError, EngineUnreachable } from './http.js';
import { isTaskCommand, type EngineCommand } from './types.js';

export const OUTBOX_TABLE = 'engine.command_outbox';

/** Refusals (4xx) retried this many times before the command is parked as failed (default). */
const MAX_REFUSED_ATTEMPTS = 8;
const MAX_BACKOFF_MS = 30_000;
const BACKOFF_BASE_MS = 250;

export interface OutboxRow {
  seq: string;
  id: string;
  businessKey: string;
  command: EngineCommand;
  attempts: number;
  uncertain: boolean;
}

/**
 * The key a command is ordered by: its business key (a message never overtakes its start), or for
 * a task command `task:<id>` (assignments and the completion of one task arrive in the order they
 * were made).
 */
const orderKey = (command: EngineCommand): string => (isTaskCommand(command) ? `task:${command.taskId}` : command.businessKey);

export async function enqueue(q: EngineQueryable, id: string, command: EngineCommand): Promise<void> {
  await q.query(`insert into ${OUTBOX_TABLE} (id, business_key, command) values ($1, $2, $3::jsonb)`, [id, orderKey(command), JSON.stringify(command)]);
}

/**
 * Commands that are simply sent again after an uncertain attempt, without asking the engine first.
 * Setting a task's assignee is idempotent — the task ends up with that assignee however often it
 * arrives — and the applied-check could not answer for it anyway: it looks for the command's id as
 * a variable (COMMAND_ID_VARIABLE) on an instance, and an assignment writes no variable, so it
 * would always say "not applied" after an extra round trip. (The one thing a resend can do is undo
 * a reassignment someone made in the seconds between the lost answer and the resend — accepted.)
 * Completing a task is likewise its own check: the delivery asks whether the task is still open,
 * and a task that is gone counts as completed (remote.ts).
 */
const RESENT_WITHOUT_CHECK: ReadonlySet<EngineCommand['type']> = new Set(['setAssignee', 'complete']);

export interface Transport {
  /** Send the command (its id travels as COMMAND_ID_VARIABLE). */
  deliver(row: OutboxRow): Promise<unknown>;
  /** Whether an earlier, uncertain attempt of this command reached the engine. */
  applied(row: OutboxRow): Promise<boolean>;
}

export interface DelivererOptions {
  /** Concurrent delivery loops in this process (default 4). */
  concurrency?: number;
  /** How often idle loops look for rows other processes wrote (default 1000 ms). */
  pollMs?: number;
  /** Attempts of a command the engine refuses (4xx) before it is parked as failed (default 8). */
  maxRefusedAttempts?: number;
  /** First retry delay, doubled per attempt up to 30 s (default 250 ms). */
  backoffBaseMs?: number;
  log: ErrorLog;
}

export interface Deliverer {
  /** Look for work now (after a local commit). */
  wake(): void;
  stop(): Promise<void>;
}

const backoff = (attempts: number, base: number) => Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(attempts, 10));

/** Take the next deliverable row, deliver it, record the outcome — one transaction. False when none was due. */
async function deliverNext(db: EngineDb, transport: Transport, opts: DelivererOptions): Promise<boolean> {
  const log = opts.log;
  return db.tx(async (q) => {
    const [row] = await q.query<OutboxRow>(
      `select o.seq, o.id, o.business_key as "businessKey", o.command, o.attempts, o.uncertain
         from ${OUTBOX_TABLE} o
        where o.delivered_time is null and o.failed_time is null and o.next_attempt_time <= now()
          and not exists (select 1 from ${OUTBOX_TABLE} e
                           where e.business_key = o.business_key and e.seq < o.seq and e.delivered_time is null and e.failed_time is null)
        order by o.seq
        limit 1
        for update skip locked`,
    );
    if (!row) return false;
    try {
      const already = row.uncertain && !RESENT_WITHOUT_CHECK.has(row.command.type) && (await transport.applied(row));
      const result = already ? { alreadyApplied: true } : await transport.deliver(row);
      await q.query(`update ${OUTBOX_TABLE} set delivered_time = now(), attempts = attempts + 1, result = $2::jsonb, last_error = null where seq = $1`, [
        row.seq,
        JSON.stringify(result ?? null),
      ]);
    } catch (e) {
      const refused = e instanceof EngineHttpError && e.status >= 400 && e.status < 500 && e.status !== 401 && e.status !== 403 && e.status !== 429;
      const uncertain = e instanceof EngineUnreachable || (e instanceof EngineHttpError && e.status >= 500);
      const message = e instanceof Error ? e.message : String(e);
      if (refused && row.attempts + 1 >= (opts.maxRefusedAttempts ?? MAX_REFUSED_ATTEMPTS)) {
        log(`engine command ${row.id} (${row.command.type} for ${row.businessKey}) failed for good`, e);
        await q.query(`update ${OUTBOX_TABLE} set failed_time = now(), attempts = attempts + 1, last_error = $2 where seq = $1`, [row.seq, message]);
      } else {
        await q.query(
          `update ${OUTBOX_TABLE}
              set attempts = attempts + 1, uncertain = uncertain or $2, last_error = $3,
                  next_attempt_time = now() + make_interval(secs => $4::double precision / 1000)
            where seq = $1`,
          [row.seq, uncertain, message, backoff(row.attempts, opts.backoffBaseMs ?? BACKOFF_BASE_MS)],
        );
      }
    }
    return true;
  });
}

export function startDeliverer(db: EngineDb, transport: Transport, opts: DelivererOptions): Deliverer {
  const concurrency = opts.concurrency ?? 4;
  const pollMs = opts.pollMs ?? 1000;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const wake = () => {
    for (const s of sleepers) s();
    sleepers.clear();
  };
  const idle = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        sleepers.delete(done);
        resolve();
      }, pollMs);
      sleepers.add(done);
    });

  const loop = async () => {
    while (!stopped) {
      let worked = false;
      try {
        worked = await deliverNext(db, transport, opts);
      } catch (e) {
        if (!stopped) opts.log('the engine command outbox could not be read', e);
      }
      if (!worked && !stopped) await idle();
    }
  };
  const loops = Array.from({ length: concurrency }, loop);
  return {
    wake,
    async stop() {
      stopped = true;
      wake();
      await Promise.all(loops);
    },
  };
}

export type OutboxState = 'pending' | 'failed' | 'delivered';

export interface OutboxEntry {
  id: string;
  businessKey: string;
  command: EngineCommand;
  attempts: number;
  createdTime: Date;
  nextAttemptTime: Date | null;
  deliveredTime: Date | null;
  failedTime: Date | null;
  lastError: string | null;
}

const STATE_SQL: Record<OutboxState, string> = {
  pending: 'delivered_time is null and failed_time is null',
  failed: 'failed_time is not null',
  delivered: 'delivered_time is not null',
};

/** Commands in one state, newest first (operators look at the parked ones). */
export async function listOutbox(q: EngineQueryable, state: OutboxState, limit: number): Promise<OutboxEntry[]> {
  return q.query<OutboxEntry>(
    `select id, business_key as "businessKey", command, attempts, created_time as "createdTime",
            case when delivered_time is null and failed_time is null then next_attempt_time end as "nextAttemptTime",
            delivered_time as "deliveredTime", failed_time as "failedTime", last_error as "lastError"
       from ${OUTBOX_TABLE} where ${STATE_SQL[state]} order by seq desc limit $1`,
    [limit],
  );
}

/** Send a parked command again (e.g. once its process is deployed); false when no failed command has this id. */
export async function retryOutbox(q: EngineQueryable, id: string): Promise<boolean> {
  const rows = await q.query(
    `update ${OUTBOX_TABLE} set failed_time = null, attempts = 0, next_attempt_time = now() where id = $1 and failed_time is not null returning id`,
    [id],
  );
  return rows.length > 0;
}

/** Outbox rows by state, for operators and tests. */
export async function outboxCounts(q: EngineQueryable): Promise<{ pending: number; delivered: number; failed: number }> {
  const [row] = await q.query<{ pending: number; delivered: number; failed: number }>(
    `select count(*) filter (where delivered_time is null and failed_time is null)::int as pending,
            count(*) filter (where delivered_time is not null)::int as delivered,
            count(*) filter (where failed_time is not null)::int as failed
       from ${OUTBOX_TABLE}`,
  );
  return row;
}
