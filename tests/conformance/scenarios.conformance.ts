/**
 * Every scenario in tests/conformance/scenarios runs on the embedded engine and on Operaton; the
 * observations (activity history, variables, open tasks and external tasks, incidents, state)
 * must be equal — jest prints the difference.
 */
import { readdirSync } from 'node:fs';
import { embeddedTarget, loadScenario, operatonTarget, runScenario, type Target } from './support.js';

const DIR = new URL('./scenarios/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

let embedded: Target;
let operaton: Target;
beforeAll(async () => {
  embedded = await embeddedTarget();
  operaton = await operatonTarget();
});
afterAll(async () => {
  await embedded?.close();
  await operaton?.close();
});

test.each(files)('%s: the embedded engine observes what Operaton observes', async (file) => {
  const scenario = loadScenario(new URL(file, DIR));
  const expected = await runScenario(operaton, scenario);
  const actual = await runScenario(embedded, scenario);
  expect(actual).toEqual(expected);
});
