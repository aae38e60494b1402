// `npm start`'s prestart: build the admin UI only when a source file is newer than the last build,
// so later starts don't pay for a rebuild (vite build ≈ 4 s on 2 cores).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../admin-ui/', import.meta.url).pathname;
const built = join(root, 'dist', 'index.html');

function newest(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).filter((n) => n !== 'dist' && n !== 'node_modules').map((n) => newest(join(path, n))));
}

if (!existsSync(built) || newest(root) > statSync(built).mtimeMs) {
  execFileSync('npm', ['run', 'build:ui', '--silent'], { stdio: 'inherit' });
}
