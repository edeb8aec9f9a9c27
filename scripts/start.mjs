// Starts the whole system on one port: builds the client when its build is missing or older than its sources,
// then runs the server (which migrates the database and seeds demo data into an empty one).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const clientBuild = path.join(root, 'client/dist/index.html');
const clientSources = [
  'client/src',
  'client/public',
  'client/index.html',
  'client/vite.config.ts',
  'client/vite.prerender.config.ts',
  'shared/src',
];

function newestMtime(target) {
  if (!existsSync(target)) return 0;
  const info = statSync(target);
  if (!info.isDirectory()) return info.mtimeMs;
  return readdirSync(target).reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), 0);
}

// Both builds: the browser's (dist/) and the server-side first view (dist-ssr/), written after it.
const prerenderBuild = path.join(root, 'client/dist-ssr/prerender.js');
const builtAt = existsSync(clientBuild) && existsSync(prerenderBuild) ? statSync(clientBuild).mtimeMs : 0;
const sourcesAt = Math.max(...clientSources.map((p) => newestMtime(path.join(root, p))));
if (builtAt < sourcesAt) {
  console.log(builtAt === 0 ? 'Building the client …' : 'Client sources changed, rebuilding …');
  const build = spawnSync('pnpm', ['--filter', '@ratsmappe/client', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
