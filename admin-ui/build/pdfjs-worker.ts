/**
 * pdfjs's worker for the template preview, without its Brotli decoder: the preview draws only PDFs
 * our server makes (pdfkit: FlateDecode streams), and the decoder with its static dictionary is
 * ~66 KiB of the worker's ~360 KiB gzip — over the lazy chunk budget (admin-ui/budget.json, checked
 * by tests/e2e/bundle-budget.test.ts for every .js and .mjs asset). A BrotliDecode stream throws
 * (pdfjs shows the page's error) instead. The section is cut between the markers pdfjs's bundle
 * puts before each source file; if they move, the build fails here rather than shipping an
 * unpatched or broken worker.
 *
 * `import workerUrl from 'virtual:pdfjs-worker-url'` gives the emitted file's URL (dev: pdfjs's own).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { minifySync, type Plugin } from 'vite';

const ID = 'virtual:pdfjs-worker-url';
const RESOLVED = '\0' + ID;
const FROM = ';// ./external/brotli/decode.js';
const TO = ';// ./src/core/brotli_stream.js';
const STUB = `let BrotliDecode = () => {\n  throw new Error("BrotliDecode streams are not supported by this viewer");\n};\n`;

export function slimWorker(source: string): string {
  const from = source.indexOf(FROM);
  const to = source.indexOf(TO);
  if (from < 0 || to < from) throw new Error(`pdfjs-worker: markers ${FROM} … ${TO} not found: pdfjs-dist changed, see admin-ui/build/pdfjs-worker.ts`);
  return source.slice(0, from) + STUB + source.slice(to);
}

export function pdfjsWorker(): Plugin {
  let serve = false;
  return {
    name: 'crm-pdfjs-worker',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    resolveId: (id) => (id === ID ? RESOLVED : null),
    load(id) {
      if (id !== RESOLVED) return null;
      if (serve) return `export { default } from 'pdfjs-dist/build/pdf.worker.min.mjs?url';`;
      const path = createRequire(import.meta.url).resolve('pdfjs-dist/build/pdf.worker.mjs');
      const { code, errors } = minifySync('pdf.worker.mjs', slimWorker(readFileSync(path, 'utf8')), { module: true, compress: { keepNames: { function: true, class: true } }, mangle: { toplevel: true, keepNames: true } });
      if (errors.length) throw new Error(`pdfjs-worker: ${errors.map((e) => e.message).join('; ')}`);
      const ref = this.emitFile({ type: 'asset', name: 'pdf.worker.min.mjs', source: code });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}
