import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../fixtures/server.js';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../server');

/** Starts the bare Hono baseline server in its own process. */
export async function startBareHono(): Promise<{ baseUrl: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bare-hono-server.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: serverDir,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`bare server exited with ${code}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
