/**
 * kb-suggest: a new service request is matched against the published knowledge base — full-text
 * search in Chinese and English over title, symptom and body (GET /api/records/knowledgeArticle/
 * text-search, runtime/db/fulltext.ts) with the request's subject and description. The best
 * `kbSuggestLimit` articles are written to the request (`suggestedArticles`: id, title, rank) and
 * become variables: `kbHit` (any found), `solutionArticle` (the best one: the confirm-solution
 * form's default) and `kbArticleIds` (comma-separated).
 */
import { Variables } from 'camunda-external-task-client-js';
import { apiJson, getRecord, patchRecord } from './lib/api.js';
import type { WorkerModule } from './types.js';
import { recordIdOf } from './lib/process-record.js';

interface Hit {
  rank: number;
  record: { id: string; title: string };
}

export default {
  topic: 'kb-suggest',
  variables: ['kbSuggestLimit'],
  async handler(task, taskService, ctx) {
    const requestId = recordIdOf(task);
    const request = await getRecord(ctx, 'serviceRequest', requestId);
    const text = [request.subject, request.description].filter((s) => typeof s === 'string' && s.trim() !== '').join(' ');
    const limit = Math.min(Math.max(Number(task.variables.get('kbSuggestLimit')) || 3, 1), 10);
    const query = new URLSearchParams({
      q: [...text].slice(0, 500).join(''),
      limit: String(limit),
      fields: 'title',
      filter: JSON.stringify({ field: 'state', op: 'eq', value: 'published' }),
    });
    const { items } = text ? await apiJson<{ items: Hit[] }>(ctx, 'GET', `/records/knowledgeArticle/text-search?${query}`) : { items: [] as Hit[] };
    const suggestions = items.map((i) => ({ id: i.record.id, title: i.record.title, rank: Math.round(i.rank * 10000) / 10000 }));
    await patchRecord(ctx, 'serviceRequest', requestId, { suggestedArticles: suggestions });
    await taskService.complete(
      task,
      new Variables()
        .set('kbHit', suggestions.length > 0)
        .set('solutionArticle', suggestions[0]?.id ?? null)
        .set('kbArticleIds', suggestions.map((s) => s.id).join(',')),
    );
  },
} satisfies WorkerModule;
