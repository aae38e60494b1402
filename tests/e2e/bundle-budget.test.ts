/**
 * The browser UI's JS size budget (admin-ui/budget.json, stated in README): the first page's
 * scripts — the entry chunk and the chunks it preloads — and every lazily loaded chunk, gzip-
 * compressed as served. A library that slips into the entry (bpmn-js, echarts, rjsf instead of
 * their pages' chunks) fails here. Every script asset counts, `.js` and `.mjs` alike: pdfjs's worker
 * (`pdf.worker.min-*.mjs`, fetched when a template preview is drawn) is a lazily loaded script too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { ensureUiBuilt } from './ui-build.js';

const uiDir = fileURLToPath(new URL('../../admin-ui/', import.meta.url));
const budget = JSON.parse(readFileSync(join(uiDir, 'budget.json'), 'utf8')) as { entryGzipKiB: number; chunkGzipKiB: number };
const SCRIPT = /\.m?js$/;
const gzipKiB = (file: string) => gzipSync(readFileSync(join(uiDir, 'dist', file))).length / 1024;

beforeAll(() => ensureUiBuilt(), 120_000);

test('the first page loads at most the entry budget of JS (gzip), and no lazily loaded chunk exceeds the chunk budget', () => {
  const html = readFileSync(join(uiDir, 'dist', 'index.html'), 'utf8');
  const first = [...html.matchAll(/<script type="module"[^>]* src="\/([^"]+\.m?js)"|<link rel="modulepreload"[^>]* href="\/([^"]+\.m?js)"/g)].map((m) => m[1] ?? m[2]!);
  expect(first.length).toBeGreaterThan(0);
  const entry = first.reduce((sum, file) => sum + gzipKiB(file), 0);
  expect(Math.round(entry)).toBeLessThanOrEqual(budget.entryGzipKiB);

  const lazy = readdirSync(join(uiDir, 'dist', 'assets'))
    .filter((f) => SCRIPT.test(f))
    .map((f) => `assets/${f}`)
    .filter((f) => !first.includes(f));
  expect(lazy.some((f) => f.endsWith('.mjs'))).toBe(true);
  const over = lazy.map((file) => ({ file, gzipKiB: Math.round(gzipKiB(file)) })).filter((c) => c.gzipKiB > budget.chunkGzipKiB);
  expect(over).toEqual([]);
});
