import { describe, expect, it } from 'vitest';
import { RenderScheduler } from './render-scheduler';

function deferred() {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('RenderScheduler', () => {
  it('runs at most `concurrency` jobs, the most urgent first', async () => {
    const scheduler = new RenderScheduler(1);
    const started: string[] = [];
    const gates = new Map<string, ReturnType<typeof deferred>>();
    const job = (name: string) => async () => {
      started.push(name);
      const gate = deferred();
      gates.set(name, gate);
      await gate.promise;
    };
    scheduler.schedule(5, job('far'));
    scheduler.schedule(0, job('current'));
    scheduler.schedule(1, job('next'));
    await flush();
    expect(started).toEqual(['current']);
    gates.get('current')!.resolve();
    await flush();
    expect(started).toEqual(['current', 'next']);
    gates.get('next')!.resolve();
    await flush();
    expect(started).toEqual(['current', 'next', 'far']);
  });

  it('never starts a cancelled job and aborts a running one', async () => {
    const scheduler = new RenderScheduler(1);
    const started: string[] = [];
    let aborted = false;
    const gate = deferred();
    const cancelRunning = scheduler.schedule(0, async (signal) => {
      started.push('running');
      signal.addEventListener('abort', () => {
        aborted = true;
        gate.resolve();
      });
      await gate.promise;
    });
    const cancelWaiting = scheduler.schedule(1, () => {
      started.push('waiting');
      return Promise.resolve();
    });
    await flush();
    cancelWaiting();
    cancelRunning();
    await flush();
    expect(aborted).toBe(true);
    expect(started).toEqual(['running']);
    expect(scheduler.size).toEqual({ pending: 0, running: 0 });
  });

  it('keeps going after a job fails', async () => {
    const scheduler = new RenderScheduler(1);
    const done: string[] = [];
    scheduler.schedule(0, () => Promise.reject(new Error('broken page')));
    scheduler.schedule(1, () => {
      done.push('next');
      return Promise.resolve();
    });
    await flush();
    await flush();
    expect(done).toEqual(['next']);
  });
});
