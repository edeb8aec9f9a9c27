import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Runs `server/src/cli/seed.ts` (the large seed) into a data directory; returns the seconds it took. */
export async function seedLargeDataDir(
  dataDir: string,
  size: { bodies: number; years: number },
  env: Record<string, string> = {},
): Promise<number> {
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'server/src/cli/seed.ts', '--bodies', String(size.bodies), '--years', String(size.years)],
      { cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir, ...env }, stdio: ['ignore', 'inherit', 'inherit'] },
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`large seed exited with ${code}`))));
  });
  return (performance.now() - started) / 1000;
}
