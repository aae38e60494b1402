/**
 * The contract of a worker module: one file per topic, `processes/workers/<topic>.ts`, whose
 * default export is a `WorkerModule`. The host (host.ts) subscribes it with
 * camunda-external-task-client-js; the handler reaches the engine only through `taskService` and
 * records only through the runtime's HTTP API (`ctx.api`), so the same file runs in-process and in
 * a separate worker fleet, against the embedded engine or Operaton.
 */
import type { Task, TaskService } from 'camunda-external-task-client-js';

export type { Task, TaskService };

/** The runtime's logger has this shape (an error line, and one per level). */
export interface WorkerLog {
  (msg: string, err?: unknown): void;
  warn(msg: string): void;
  info(msg: string): void;
  debug(msg: string): void;
}

/** How notification e-mail is sent (config SMTP_URL and MAIL_FROM). */
export interface MailSettings {
  /** smtp:// or smtps:// URL of the mail server, as nodemailer takes it. */
  url: string;
  /** The sender, e.g. `CRM <crm@example.com>`. */
  from: string;
}

export interface WorkerContext {
  /** Base of the runtime's HTTP API, e.g. `http://127.0.0.1:3000/api`; undefined when none is configured. */
  apiUrl?: string;
  /** The service account's bearer token for `apiUrl`. */
  apiToken?: string;
  /**
   * `fetch(apiUrl + path)` with the service token (and a JSON content type when a body is given);
   * throws when no API URL is configured. The answer is fetch's: check `status` yourself.
   */
  api(path: string, init?: RequestInit): Promise<Response>;
  log: WorkerLog;
  /** The mail server; undefined when SMTP_URL is not set (notifications stay in-app). */
  mail?: MailSettings;
}

export interface WorkerModule {
  /** The external-task topic; must equal the file's name without extension. */
  topic: string;
  /** How long a fetched task stays locked to this worker, ms (default: the host's, 60 s). */
  lockDuration?: number;
  /** Fetch only these variables (default: all). */
  variables?: string[];
  /**
   * Do the work and complete the task (`taskService.complete`, `handleBpmnError`, `handleFailure`).
   * A handler that throws reports a failure for it: retries count down from 3, 10 s apart, and at 0
   * the engine opens an incident.
   */
  handler(task: Task, taskService: TaskService, ctx: WorkerContext): Promise<void>;
}
