/**
 * One worker process of the two-node scale test (two-nodes.conformance.ts), started as its own OS
 * process: camunda-external-task-client-js long-polling ENGINE_URL as WORKER_ID. Each execution of
 * a handler is recorded in scale.execution (RECORD_DATABASE_URL) before the task is completed, so
 * the test sees every time a task ran — also a second time, should the engines ever hand it out
 * twice. Handler and poll errors go to stdout as JSON lines for the test to report.
 */
import { Client } from 'camunda-external-task-client-js';
import pg from 'pg';

const { ENGINE_URL, WORKER_ID, RECORD_DATABASE_URL, TOPICS } = process.env;
if (!ENGINE_URL || !WORKER_ID || !RECORD_DATABASE_URL || !TOPICS) throw new Error('worker.ts needs ENGINE_URL, WORKER_ID, RECORD_DATABASE_URL and TOPICS');

const db = new pg.Pool({ connectionString: RECORD_DATABASE_URL, max: 4 });
const report = (event: string, detail: unknown) =>
  process.stdout.write(JSON.stringify({ event, detail: detail instanceof Error ? detail.message : String(detail) }) + '\n');

const client = new Client({
  baseUrl: ENGINE_URL,
  workerId: WORKER_ID,
  maxTasks: 50,
  maxParallelExecutions: 50,
  lockDuration: 60_000,
  asyncResponseTimeout: 5_000,
  interval: 50,
});
for (const topic of TOPICS.split(',')) {
  client.subscribe(topic, async ({ task, taskService }) => {
    await db.query('insert into scale.execution (external_task_id, topic, process_instance_id, business_key, worker_id) values ($1, $2, $3, $4, $5)', [
      task.id,
      task.topicName,
      task.processInstanceId,
      task.businessKey,
      WORKER_ID,
    ]);
    await taskService.complete(task);
  });
}
client.on('handler:error', (e) => report('handler:error', e));
client.on('poll:error', (e) => report('poll:error', e));

process.on('SIGTERM', () => {
  client.stop();
  void db.end().then(() => process.exit(0));
});
report('ready', WORKER_ID);
