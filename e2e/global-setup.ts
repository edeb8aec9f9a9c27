import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { seededDataDirVariable, startServer, waitUntilIdle } from './fixtures/server.js';

/**
 * Seeds the demo data once for the whole e2e run and lets the server extract the PDFs' text; every spec's server
 * then starts from a copy of that data directory (see startServer).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'ratsmappe-e2e-seeded-'));
  const server = await startServer({ env: { DATA_DIR: dataDir }, keepDataDir: true, readyTimeoutMs: 240_000 });
  try {
    await waitUntilIdle(server.pid);
  } finally {
    await server.stop();
  }
  process.env[seededDataDirVariable] = dataDir;
  return () => rm(dataDir, { recursive: true, force: true });
}
