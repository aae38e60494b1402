/**
 * The server serves admin-ui/dist only if it exists when it starts, so e2e suites build the UI first
 * — only when a source file is newer than the last build (a build takes about a second).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const uiDir = join(repo, 'admin-ui');
const builtIndex = join(uiDir, 'dist', 'index.html');

function newestSource(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestSource(join(path, name))));
}

export function ensureUiBuilt(): void {
  const sources = [join(uiDir, 'src'), join(uiDir, 'build'), join(uiDir, 'index.html'), join(uiDir, 'vite.config.ts')];
  const newest = Math.max(...sources.map(newestSource));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newest) return;
  execFileSync(
    process.execPath,
    [join(repo, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', join(uiDir, 'vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: repo,
      // Jest sets NODE_ENV=test, and Vite would then bundle React's development build: the tests
      // (and `npm start` after them, which reuses a fresh build) would see another app than users.
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}
