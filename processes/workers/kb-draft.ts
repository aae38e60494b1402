/**
 * kb-draft: a complaint case becomes a candidate knowledge-base article — a draft (published by
 * customer service after review) with the proposed title, symptom and body, the request's product,
 * its language (Chinese when the text has CJK characters, else English) and the request as source.
 * Once per request: a retry finds the draft it made. Variable `draftArticleId`.
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, listAll, type ApiRecord } from './lib/api.js';
import { lastAssignee } from './lib/history.js';
import { giveTo } from './lib/records.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

const CJK = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]/;

export default {
  topic: 'kb-draft',
  variables: ['articleTitle', 'articleSymptom', 'articleBody'],
  async handler(task, taskService, ctx) {
    const requestId = recordIdOf(task);
    const text = (name: string, max: number) => String(task.variables.get(name) ?? '').slice(0, max);
    const [title, symptom, body] = [text('articleTitle', 200), text('articleSymptom', 1000), text('articleBody', 20000)];
    let draft: ApiRecord | undefined = (await listAll(ctx, 'knowledgeArticle', { field: 'sourceRequest', op: 'eq', value: requestId })).find((a) => a.title === title);
    if (!draft) {
      const request = await getRecord(ctx, 'serviceRequest', requestId);
      draft = await apiJson<ApiRecord>(ctx, 'POST', '/records/knowledgeArticle', {
        title,
        symptom: symptom || null,
        body: body || null,
        product: request.product ?? null,
        language: CJK.test(`${title}${symptom}${body}`) ? 'zh-CN' : 'en',
        sourceRequest: requestId,
      });
      // The proposer owns the draft when they claimed the task (else the service account keeps it).
      const proposer = await lastAssignee(ctx, 'serviceRequest', requestId, task.processInstanceId!, 'proposeArticle', false);
      if (proposer) await giveTo(ctx, 'knowledgeArticle', draft, proposer);
    }
    await taskService.complete(task, new Variables().set('draftArticleId', draft.id));
  },
} satisfies WorkerModule;
