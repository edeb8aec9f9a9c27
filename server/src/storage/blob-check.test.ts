import { randomBytes } from 'node:crypto';
import { mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.js';
import { checkBlobs } from './blob-check.js';

let t: TestApp;
let root: string;

beforeAll(async () => {
  t = await createTestApp();
  root = path.join(t.ctx.config.dataDir, 'blobs');
});
afterAll(() => t.close());

/** Stores content and names it in a `blob` row, as an upload does. */
async function stored(size = 1000) {
  const blob = await t.ctx.blobs.put(randomBytes(size));
  await t.ctx.database.db
    .insertInto('blob')
    .values({ sha256: blob.sha256, size: blob.size, mime_type: 'application/pdf' })
    .execute();
  return { ...blob, path: t.ctx.blobs.pathOf(blob.sha256) };
}

describe('checkBlobs', () => {
  it('finds rows whose content is missing, cut short or overwritten, and files not named after their content', async () => {
    const whole = await stored();
    const missing = await stored();
    const short = await stored();
    const overwritten = await stored();
    await rm(missing.path);
    await truncate(short.path, short.size - 1);
    await writeFile(overwritten.path, randomBytes(overwritten.size));
    const orphan = await t.ctx.blobs.put(randomBytes(10));
    await mkdir(path.join(root, 'zz'), { recursive: true });
    await writeFile(path.join(root, 'zz', 'partial'), 'x');
    await writeFile(path.join(root, 'tmp', 'cut-off-write'), 'x');

    const report = await checkBlobs(t.ctx.database.db, root);

    expect(report.problems.map((p) => [p.sha256, p.problem]).sort()).toEqual(
      [
        [missing.sha256, 'missing'],
        [short.sha256, 'size'],
        [overwritten.sha256, 'hash'],
      ].sort(),
    );
    expect(report.problems.some((p) => p.sha256 === whole.sha256)).toBe(false);
    expect(report.unreferenced).toEqual([orphan.sha256]);
    const inStore = (sha256: string) => path.join(sha256.slice(0, 2), sha256.slice(2));
    expect(report.strays.sort()).toEqual(
      [path.join('zz', 'partial'), inStore(short.sha256), inStore(overwritten.sha256)].sort(),
    );
    expect(report.temp).toBe(1);
    expect(report.referenced).toBe(4);
  });
});
