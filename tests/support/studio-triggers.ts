/**
 * The triggers editor's fixture: `deal-handover`, a process that waits for message
 * `deal-handover-confirmed` (tests/runtime/studio-triggers-fixture), deployed through the studio's
 * own deploy API as an analyst would, so the shipped processes stay as they are.
 */
import { readFileSync } from 'node:fs';
import type { ApiClient } from './harness.js';

export const DEAL_HANDOVER_XML = readFileSync(new URL('../runtime/studio-triggers-fixture/deal-handover.bpmn', import.meta.url), 'utf8');

export async function deployDealHandover(api: ApiClient): Promise<void> {
  const res = await api.post('/api/studio/processes/deploy', { xml: DEAL_HANDOVER_XML });
  if (res.status !== 201) throw new Error(`deploying deal-handover failed: ${res.status} ${JSON.stringify(res.body)}`);
}

