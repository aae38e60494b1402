/**
 * notify: tells people about a process step. Local variables `notifyTemplate` (a template key,
 * metadata/templates/) and `notifyTo` (comma-separated recipient ids: `user:<id>` or candidate
 * group ids such as `role:dispatcher`; expressions allowed in the input mapping); every other
 * variable the task sees is the template's data. In BPMN:
 *
 *   <bpmn:serviceTask id="tellTechnician" camunda:type="external" camunda:topic="notify">
 *     <bpmn:extensionElements><camunda:inputOutput>
 *       <camunda:inputParameter name="notifyTemplate">dispatch-assigned</camunda:inputParameter>
 *       <camunda:inputParameter name="notifyTo">user:${technicianId},role:dispatcher</camunda:inputParameter>
 *     </camunda:inputOutput></bpmn:extensionElements>
 *   </bpmn:serviceTask>
 *
 * The runtime stores one in-app notification per person (POST /api/notifications, keyed by the
 * external task's id: a retry after a crash gets the same messages back and stores nothing new);
 * with SMTP_URL set, each message not yet mailed is sent with nodemailer and then marked mailed,
 * one at a time — so a retry re-sends only what was not marked. Then the task completes.
 */
import nodemailer from 'nodemailer';
import { apiJson, commaList } from './lib/api.js';
import { processRecord } from './lib/process-record.js';
import type { MailSettings, WorkerContext, WorkerModule } from './types.js';

interface Message {
  id: string;
  email: string | null;
  subject: string;
  body: string;
  mailedAt: string | null;
}

/** Mail each message with an address that was not mailed yet, marking each as soon as it is sent. */
async function mailUnsent(ctx: WorkerContext, mail: MailSettings, messages: Message[]): Promise<void> {
  const pending = messages.filter((m) => m.email && !m.mailedAt);
  if (pending.length === 0) return;
  const transport = nodemailer.createTransport(mail.url);
  try {
    for (const m of pending) {
      await transport.sendMail({ from: mail.from, to: m.email!, subject: m.subject, text: m.body });
      await apiJson(ctx, 'POST', '/notifications/mailed', { ids: [m.id] });
    }
  } finally {
    transport.close();
  }
}

export default {
  topic: 'notify',
  async handler(task, taskService, ctx) {
    const { notifyTemplate: template, notifyTo, ...data } = task.variables.getAll();
    if (typeof template !== 'string' || template === '') throw new Error('notify: the local variable notifyTemplate (a template key) is missing');
    const to = commaList(notifyTo);
    if (to.length === 0) {
      ctx.log.warn(`notify: nobody to tell in ${task.processDefinitionKey} instance ${task.processInstanceId} (notifyTo is empty)`);
    } else {
      const record = await processRecord(ctx, task);
      const sent = await apiJson<{ messages: Message[] }>(ctx, 'POST', '/notifications', { key: `external-task:${task.id}`, template, to, data, record });
      if (ctx.mail) await mailUnsent(ctx, ctx.mail, sent.messages);
    }
    await taskService.complete(task);
  },
} satisfies WorkerModule;
